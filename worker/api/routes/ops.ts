import { Hono } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../../db/client';
import { findTenantByRefAcrossTenants, listDeadLettersAcrossTenants, redriveDeadLettersAcrossTenants } from '../../../db/queries/fleet';
import { listSyncRunsSince, listTenantAdAccounts } from '../../../db/queries/ops';
import { platformSchema } from '../../../db/schema/enums';
import { planManualSync } from '../../jobs/backfill';
import { enqueueSyncs } from '../../jobs/enqueue';
import { jobMessage, type SyncMessage } from '../../jobs/messages';
import { hotWindow } from '../../jobs/windows';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { requireOperator } from '../middleware/operator';
import { readJson, readQuery } from '../validate';
import { dateRangeQuery } from './date-range';

const syncRequest = z
  .object({
    tenant: z.string().min(1).max(100),
    platform: platformSchema.optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .refine((r) => (r.from === undefined) === (r.to === undefined), { message: 'Give both from and to, or neither.', path: ['from'] })
  .refine((r) => r.from === undefined || dateRangeQuery.safeParse({ from: r.from, to: r.to }).success, {
    message: 'from/to must be dates with from <= to.',
    path: ['from'],
  });

/** What `npm run sync` and `npm run dlq` talk to. */
export const opsRoutes = new Hono<AppEnv>()
  .use('/ops/*', requireOperator)
  .post('/ops/sync', async (c) => {
    const body = await readJson(c, syncRequest);
    const tenant = await findTenantByRefAcrossTenants(c.get('db'), body.tenant);
    if (!tenant) throw new AppError('not_found', `No tenant "${body.tenant}".`);
    const accounts = await withTenant(c.get('db'), tenant.id, (tx) => listTenantAdAccounts(tx, body.platform));
    const clock = c.get('scope').clock;
    const now = clock.now();
    const messages: SyncMessage[] = accounts
      .filter((a) => a.enabled)
      .flatMap((a) =>
        planManualSync(
          { tenantId: tenant.id, adAccountId: a.id },
          body.from && body.to ? { from: body.from, to: body.to } : hotWindow(now, a.timeZone),
          now,
        ),
      );
    await enqueueSyncs(c.env, messages, 0, clock);
    return c.json({ tenant, enqueuedAt: now.toISOString(), accounts, messages }, 202);
  })
  .get('/ops/sync-runs', async (c) => {
    const query = readQuery(c, z.object({ tenant: z.string().min(1), since: z.iso.datetime({ offset: true }) }));
    const tenant = await findTenantByRefAcrossTenants(c.get('db'), query.tenant);
    if (!tenant) throw new AppError('not_found', `No tenant "${query.tenant}".`);
    return c.json({ runs: await withTenant(c.get('db'), tenant.id, (tx) => listSyncRunsSince(tx, new Date(query.since))) });
  })
  .get('/ops/dead-letters', async (c) => {
    const query = readQuery(c, z.object({ all: z.enum(['0', '1']).default('0') }));
    return c.json({ deadLetters: await listDeadLettersAcrossTenants(c.get('db'), { includeRedriven: query.all === '1' }) });
  })
  .post('/ops/dead-letters/redrive', async (c) => {
    const body = await readJson(
      c,
      z.union([z.object({ all: z.literal(true) }), z.object({ ids: z.array(z.string().uuid()).min(1).max(1000) })]),
    );
    // Enqueued before they are marked, in one transaction: a failed enqueue marks nothing.
    const refused: Array<{ id: string; reason: string }> = [];
    const redriven = await redriveDeadLettersAcrossTenants(c.get('db'), 'all' in body ? 'all' : body.ids, async (letters) => {
      const valid = letters.flatMap((letter) => {
        const parsed = jobMessage.safeParse(letter.body);
        if (parsed.success)
          return [{ id: letter.id, message: { ...parsed.data, deferrals: 0, enqueuedAt: c.get('scope').clock.now().toISOString() } }];
        refused.push({ id: letter.id, reason: `not a valid sync message (${parsed.error.issues.map((i) => i.message).join('; ')})` });
        return [];
      });
      await enqueueSyncs(
        c.env,
        valid.map((v) => v.message),
      );
      return valid.map((v) => v.id);
    });
    return c.json({ redriven: redriven.length, skippedInvalid: refused.length, refused });
  });
