/** Control routes that change how the fakes behave: regimes, faults, the clock, single tokens and the OAuth dialogs. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { FaultRule, Regimes } from '../context';
import { updateRegime } from '../regimes';
import { badRequest, type ControlDeps, issuesMessage, parsePlatform, readJsonBody } from './shared';

const SERVICES = ['meta', 'google_ads', 'linkedin', 'sendgrid', 'slack', 'datadog', 'cloudflare', 'webhooks', 'fx_rates'] as const;
const faultSchema = z.strictObject({
  service: z.enum(SERVICES),
  kind: z.enum(['server_error', 'timeout', 'truncated_body', 'rate_limit', 'revoked_token', 'repeat_cursor']),
  pathContains: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
  /** Omitted or null: until cleared. */
  remaining: z.number().int().positive().nullable().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Applies to each matching request with this probability, from a generator seeded with `seed`. */
  probability: z.number().gt(0).max(1).optional(),
  seed: z.number().int().optional(),
});
const clockSchema = z.strictObject({
  set: z.iso.datetime({ offset: true }).optional(),
  advanceMs: z.number().finite().min(0).optional(),
  speed: z.number().finite().min(0).max(100_000).optional(),
});
const accountSchema = z.strictObject({ status: z.enum(['ACTIVE', 'DISABLED']) });
const oauthSchema = z.strictObject({ memberId: z.string().min(1).optional(), autoApprove: z.boolean().optional() });
const tokenSchema = z.strictObject({ token: z.string().min(1), action: z.enum(['expire', 'revoke']) });

/** JSON has no Infinity: a rule that lasts until cleared shows `remaining: null`. */
const renderFault = (rule: FaultRule) => ({ ...rule, remaining: Number.isFinite(rule.remaining) ? rule.remaining : null });

/** Replaces a platform's regime in place, so fakes that kept a reference to it see the change. */
function replaceInPlace<K extends keyof Regimes>(regimes: Regimes, platform: K, next: Regimes[K]) {
  const target = regimes[platform] as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, next);
}

export function createKnobRoutes({ ctx }: ControlDeps): Hono {
  const app = new Hono();

  app.get('/regimes', (c) => c.json(ctx.regimes));
  app.get('/regimes/:platform', (c) => {
    const platform = parsePlatform(c.req.param('platform'));
    return platform
      ? c.json(ctx.regimes[platform])
      : badRequest(c, `unknown platform '${c.req.param('platform')}' (meta, google_ads, linkedin)`);
  });
  app.put('/regimes/:platform', async (c) => {
    const platform = parsePlatform(c.req.param('platform'));
    if (!platform) return badRequest(c, `unknown platform '${c.req.param('platform')}' (meta, google_ads, linkedin)`);
    const read = await readJsonBody(c);
    if (!read.ok) return read.response;
    const result = updateRegime(ctx.regimes, platform, read.body);
    if (!result.ok) return badRequest(c, result.message);
    replaceInPlace(ctx.regimes, platform, result.regimes[platform]);
    return c.json(ctx.regimes[platform]);
  });

  app.get('/faults', (c) => c.json({ faults: ctx.faults.list().map(renderFault) }));
  app.post('/faults', async (c) => {
    const read = await readJsonBody(c);
    if (!read.ok) return read.response;
    const parsed = faultSchema.safeParse(read.body);
    if (!parsed.success) return badRequest(c, issuesMessage(parsed.error.issues));
    const { remaining, ...rule } = parsed.data;
    return c.json(renderFault(ctx.faults.add({ ...rule, remaining: remaining ?? Infinity })), 201);
  });
  app.delete('/faults', (c) => {
    const service = c.req.query('service');
    if (service !== undefined && !(SERVICES as readonly string[]).includes(service)) return badRequest(c, `unknown service '${service}'`);
    ctx.faults.clear(service as (typeof SERVICES)[number] | undefined);
    return c.json({ faults: ctx.faults.list().map(renderFault) });
  });

  const clockState = () => ({ now: ctx.world.clock.now().toISOString(), speed: ctx.world.clock.speed?.() ?? null });
  app.get('/clock', (c) => c.json(clockState()));
  app.post('/clock', async (c) => {
    const read = await readJsonBody(c);
    if (!read.ok) return read.response;
    const parsed = clockSchema.safeParse(read.body);
    if (!parsed.success) return badRequest(c, issuesMessage(parsed.error.issues));
    const { set, advanceMs, speed } = parsed.data;
    if (set !== undefined) ctx.world.clock.set(new Date(set));
    if (advanceMs !== undefined) ctx.world.clock.advance(advanceMs);
    if (speed !== undefined) ctx.world.clock.setSpeed(speed);
    return c.json(clockState());
  });

  // A disabled (cancelled, suspended) account answers with its platform's own error, e.g. Google's CUSTOMER_NOT_ENABLED.
  app.post('/accounts/:platform/:accountId', async (c) => {
    const platform = parsePlatform(c.req.param('platform'));
    if (!platform) return badRequest(c, `unknown platform '${c.req.param('platform')}' (meta, google_ads, linkedin)`);
    const account = ctx.world.account(platform, c.req.param('accountId'));
    if (!account)
      return c.json({ error: 'not_found', message: `no ${platform} account ${c.req.param('accountId')} in the fake world` }, 404);
    const read = await readJsonBody(c);
    if (!read.ok) return read.response;
    const parsed = accountSchema.safeParse(read.body);
    if (!parsed.success) return badRequest(c, issuesMessage(parsed.error.issues));
    account.status = parsed.data.status;
    return c.json(account);
  });

  // One token, not the member's whole grant: other tenants connected as the same fake member keep working.
  app.post('/tokens/:platform', async (c) => {
    const platform = parsePlatform(c.req.param('platform'));
    if (!platform) return badRequest(c, `unknown platform '${c.req.param('platform')}' (meta, google_ads, linkedin)`);
    const control = ctx.tokens?.[platform];
    if (!control) return badRequest(c, `no ${platform} fake is mounted on this server`);
    const read = await readJsonBody(c);
    if (!read.ok) return read.response;
    const parsed = tokenSchema.safeParse(read.body);
    if (!parsed.success) return badRequest(c, issuesMessage(parsed.error.issues));
    const kind = control.apply(parsed.data.token, parsed.data.action);
    if (!kind) return c.json({ error: 'not_found', message: `the ${platform} fake never issued this token` }, 404);
    return c.json({ platform, kind, action: parsed.data.action });
  });

  app.get('/oauth', (c) => c.json(ctx.oauth.describe()));
  app.post('/oauth/:platform', async (c) => {
    const platform = parsePlatform(c.req.param('platform'));
    if (!platform) return badRequest(c, `unknown platform '${c.req.param('platform')}' (meta, google_ads, linkedin)`);
    const read = await readJsonBody(c);
    if (!read.ok) return read.response;
    const parsed = oauthSchema.safeParse(read.body);
    if (!parsed.success) return badRequest(c, issuesMessage(parsed.error.issues));
    const chosen = ctx.oauth.choose(platform, parsed.data);
    if (!chosen.ok) return badRequest(c, chosen.message);
    return c.json(ctx.oauth.describe()[platform]);
  });

  return app;
}
