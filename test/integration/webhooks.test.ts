import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf, withAgency, withTenant } from '../../db/database';
import { listWebhookEndpoints } from '../../db/queries/webhooks';
import { agencies } from '../../db/schema';
import { importTokenKeyring } from '../../worker/auth/token-crypto';
import { tokenKeys } from '../../worker/env';
import { dispatchEvent, MAX_DELIVERY_ATTEMPTS, type WebhookDeps } from '../../worker/webhooks/dispatch';
import { createEndpoint } from '../../worker/webhooks/endpoints';
import { syncCompleted } from '../../worker/webhooks/events';
import { recordWebhookEvents } from '../../worker/webhooks/record';
import { verifySignature } from '../../worker/webhooks/signature';
import { chooseMember, connectThroughOAuth, control, createEditorTenant, eventually, tenantAccounts } from './pipeline-support';
import { appDb, closeWhenIdle, superDb, testEnv, unique } from './support';
import { workerConfig, workerNow } from './sync-support';

const arranged = superDb();
const app = appDb();
afterAll(() => closeWhenIdle(arranged, app));

interface Received {
  path: string;
  body: { raw: string; headers: Record<string, string | null> };
}
const received = async (receiver: string) =>
  (await control<{ items: Received[] }>('/outbox/webhooks')).items.filter((r) => r.path === `/webhooks/${receiver}`);
const receiverUrl = (receiver: string) => `${testEnv.FAKES_URL}/receivers/webhooks/${receiver}`;

async function agencyTenant(ip: string) {
  const [agency] = await arranged.db
    .insert(agencies)
    .values({ name: unique('Agency') })
    .returning();
  const tenant = await createEditorTenant(arranged.db, ip);
  await arranged.db.execute(sql`update tenants set agency_id = ${agency!.id} where id = ${tenant.tenantId}`);
  return { ...tenant, agencyId: agency!.id };
}

const tokenKey = () => importTokenKeyring(tokenKeys(workerConfig()));
const deps = async (): Promise<WebhookDeps> => ({
  db: app.db,
  keyring: await tokenKey(),
  fetch: (i, init) => fetch(i, init),
  now: () => new Date(),
});

async function recordedEvent(tenantId: string) {
  const event = syncCompleted(
    {
      adAccountId: crypto.randomUUID(),
      platform: 'meta',
      lane: 'hot',
      from: '2026-11-28',
      to: '2026-11-29',
      rows: 3,
      apiCalls: 1,
      dataVersion: 7,
    },
    new Date(),
  );
  const [id] = await withTenant(app.db, tenantId, (tx) => recordWebhookEvents(tx, [event]));
  return id!;
}

const deliveries = async (agencyId: string) =>
  rowsOf<{ attempts: number; last_status: number | null; delivered: boolean; failed: boolean }>(
    await arranged.db.execute(
      sql`select attempts, last_status, delivered_at is not null as delivered, failed_at is not null as failed from webhook_deliveries where agency_id = ${agencyId}`,
    ),
  );

describe('webhooks', () => {
  it('sends the agency a signed backfill.completed once per account when its backfill lands, and the signature verifies', async () => {
    const tenant = await agencyTenant('198.51.100.221');
    const receiver = unique('agency').toLowerCase();
    const { secret } = await createEndpoint(app.db, await tokenKey(), tenant.agencyId, {
      url: receiverUrl(receiver),
      events: ['backfill.completed'],
    });
    await chooseMember('linkedin', 'partner-b');
    await connectThroughOAuth(tenant.cookie, tenant.tenantId, 'linkedin', 3);
    const accounts = await tenantAccounts(arranged.db, tenant.tenantId);
    const got = await eventually(
      () => received(receiver),
      (items) => items.length >= accounts.length,
    );
    expect(got).toHaveLength(accounts.length);
    for (const item of got) {
      const body = JSON.parse(item.body.raw) as { type: string; tenant: { id: string }; data: { adAccountId: string; windows: number } };
      expect(body).toMatchObject({ type: 'backfill.completed', tenant: { id: tenant.tenantId } });
      expect(accounts.map((a) => a.id)).toContain(body.data.adAccountId);
      expect(item.body.headers['tidemark-event-type']).toBe('backfill.completed');
      // Signed on the Worker's clock (compressed time in tests): the receiver's clock is that one here.
      const check = await verifySignature(
        secret,
        item.body.headers['tidemark-signature'] ?? null,
        item.body.raw,
        Math.floor(workerNow().getTime() / 1000),
      );
      expect(check.ok).toBe(true);
      expect(
        (
          await verifySignature(
            'whsec_wrong',
            item.body.headers['tidemark-signature'] ?? null,
            item.body.raw,
            Math.floor(workerNow().getTime() / 1000),
          )
        ).ok,
      ).toBe(false);
    }
    expect(new Set(got.map((g) => JSON.parse(g.body.raw).data.adAccountId)).size).toBe(accounts.length);
  });

  it('retries a delivery the receiver refused, and never sends a delivered event again', async () => {
    const tenant = await agencyTenant('198.51.100.222');
    const receiver = unique('retry').toLowerCase();
    await createEndpoint(app.db, await tokenKey(), tenant.agencyId, { url: receiverUrl(receiver), events: ['sync.completed'] });
    const eventId = await recordedEvent(tenant.tenantId);
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'webhooks', kind: 'server_error', remaining: 1 }) });
    expect(await dispatchEvent(await deps(), tenant.tenantId, eventId, 1)).toBe('retry');
    expect(await deliveries(tenant.agencyId)).toMatchObject([{ attempts: 1, last_status: 500, delivered: false, failed: false }]);
    expect(await dispatchEvent(await deps(), tenant.tenantId, eventId, 2)).toBe('done');
    expect(await deliveries(tenant.agencyId)).toMatchObject([{ attempts: 2, last_status: 200, delivered: true }]);
    expect(await dispatchEvent(await deps(), tenant.tenantId, eventId, 3)).toBe('done');
    expect(await received(receiver)).toHaveLength(1);
  });

  it('gives up after the last attempt and records the failure', async () => {
    const tenant = await agencyTenant('198.51.100.223');
    const receiver = unique('down').toLowerCase();
    await createEndpoint(app.db, await tokenKey(), tenant.agencyId, { url: receiverUrl(receiver), events: ['sync.completed'] });
    const eventId = await recordedEvent(tenant.tenantId);
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'webhooks', kind: 'server_error', remaining: 1 }) });
    expect(await dispatchEvent(await deps(), tenant.tenantId, eventId, MAX_DELIVERY_ATTEMPTS)).toBe('done');
    expect(await deliveries(tenant.agencyId)).toMatchObject([{ attempts: 1, last_status: 500, delivered: false, failed: true }]);
  });

  it("never sends a tenant's events to another agency's endpoints, nor to events they did not ask for", async () => {
    const tenant = await agencyTenant('198.51.100.224');
    const other = await agencyTenant('198.51.100.225');
    const theirs = unique('other').toLowerCase();
    const unsubscribed = unique('unsub').toLowerCase();
    await createEndpoint(app.db, await tokenKey(), other.agencyId, { url: receiverUrl(theirs), events: ['sync.completed'] });
    await createEndpoint(app.db, await tokenKey(), tenant.agencyId, { url: receiverUrl(unsubscribed), events: ['sync.failed'] });
    const eventId = await recordedEvent(tenant.tenantId);
    expect(await dispatchEvent(await deps(), tenant.tenantId, eventId, 1)).toBe('done');
    expect(await received(theirs)).toEqual([]);
    expect(await received(unsubscribed)).toEqual([]);
    const [event] = rowsOf<{ dispatched: boolean }>(
      await arranged.db.execute(sql`select dispatched_at is not null as dispatched from webhook_events where id = ${eventId}`),
    );
    expect(event!.dispatched).toBe(true);
  });

  it('shows an agency only its own endpoints and deliveries (row-level security as the application role)', async () => {
    const mine = await agencyTenant('198.51.100.227');
    const theirs = await agencyTenant('198.51.100.228');
    await createEndpoint(app.db, await tokenKey(), theirs.agencyId, { url: receiverUrl('theirs'), events: ['sync.failed'] });
    expect(await withAgency(app.db, mine.agencyId, (tx) => listWebhookEndpoints(tx))).toEqual([]);
    expect(await withAgency(app.db, theirs.agencyId, (tx) => listWebhookEndpoints(tx))).toHaveLength(1);
    const unscoped = rowsOf<{ n: number }>(await app.db.execute(sql`select count(*)::int as n from webhook_endpoints`));
    expect(unscoped[0]!.n).toBe(0);
  });

  it('keeps the signing secret encrypted at rest', async () => {
    const tenant = await agencyTenant('198.51.100.226');
    const { secret, endpoint } = await createEndpoint(app.db, await tokenKey(), tenant.agencyId, {
      url: receiverUrl('x'),
      events: ['sync.failed'],
    });
    const [row] = rowsOf<{ secret_enc: string }>(
      await arranged.db.execute(sql`select secret_enc from webhook_endpoints where id = ${endpoint.id}`),
    );
    expect(row!.secret_enc).not.toContain(secret.slice(6));
    expect(row!.secret_enc.startsWith('v2.')).toBe(true);
  });
});
