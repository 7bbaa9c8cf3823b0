/** Control routes that read what happened and what is true: health, world, ground truth, calls, outboxes. */
import { Hono } from 'hono';
import type { ServiceName } from '../context';
import type { OutboundService } from '../services';
import { addDays, daysBetween, isValidDate } from '../world/dates';
import { PLATFORMS } from '../world/types';
import { badRequest, type ControlDeps, parsePlatform } from './shared';

const OUTBOUND: readonly OutboundService[] = ['sendgrid', 'slack', 'datadog', 'cloudflare', 'webhooks'];
const SERVICES: readonly string[] = [...PLATFORMS, ...OUTBOUND, 'fx_rates'];
/** A bit over Meta's 37 months, so the oldest history stays reachable. */
const MAX_TRUTH_DAYS = 1_300;
const MAX_LISTED_CALLS = 1_000;

export function createRecordRoutes({ ctx, services, mounted, startedAtMs }: ControlDeps): Hono {
  const app = new Hono();
  const world = ctx.world;

  app.get('/health', (c) =>
    c.json({
      ok: true,
      seed: world.seed,
      now: world.clock.now().toISOString(),
      platforms: mounted,
      services: OUTBOUND,
      uptimeMs: Date.now() - startedAtMs,
    }),
  );

  app.get('/world', (c) =>
    c.json({
      seed: world.seed,
      now: world.clock.now().toISOString(),
      accounts: world.accounts().map((a) => ({ ...a, today: world.today(a) })),
      members: Object.fromEntries(PLATFORMS.map((p) => [p, world.members(p)])),
      entities: Object.fromEntries(
        PLATFORMS.map((p) => [
          p,
          Object.fromEntries(
            world
              .accounts(p)
              .map((a) => [a.id, { campaigns: world.campaigns(p, a.id), adGroups: world.adGroups(p, a.id), ads: world.ads(p, a.id) }]),
          ),
        ]),
      ),
    }),
  );

  app.get('/truth/:platform/:accountId', (c) => {
    const platform = parsePlatform(c.req.param('platform'));
    if (!platform) return badRequest(c, `unknown platform '${c.req.param('platform')}' (meta, google_ads, linkedin)`);
    const account = world.account(platform, c.req.param('accountId'));
    if (!account)
      return c.json({ error: 'not_found', message: `no ${platform} account ${c.req.param('accountId')} in the fake world` }, 404);
    const asOfText = c.req.query('asOf');
    const asOf = asOfText ? new Date(asOfText) : world.clock.now();
    if (Number.isNaN(asOf.getTime())) return badRequest(c, `asOf '${asOfText}' is not an ISO date-time`);
    const today = world.today(account);
    const until = c.req.query('until') ?? today;
    const since = c.req.query('since') ?? addDays(until, -29);
    for (const [name, value] of [
      ['since', since],
      ['until', until],
    ])
      if (!isValidDate(value!)) return badRequest(c, `${name} must be a date like 2026-11-01, got '${value}'`);
    if (since > until) return badRequest(c, `since (${since}) is after until (${until})`);
    if (daysBetween(since, until) > MAX_TRUTH_DAYS) return badRequest(c, `at most ${MAX_TRUTH_DAYS} days per request`);
    const facts = world.groundTruth(platform, account.id, since, until, asOf);
    return c.json({
      platform,
      accountId: account.id,
      currency: account.currency,
      timeZone: account.timeZone,
      since,
      until,
      asOf: asOf.toISOString(),
      moneyUnit: 'micros',
      count: facts.length,
      facts,
    });
  });

  app.get('/calls', (c) => {
    const service = c.req.query('service');
    if (service !== undefined && !SERVICES.includes(service)) return badRequest(c, `unknown service '${service}' (${SERVICES.join(', ')})`);
    const filter = {
      service: service as ServiceName | undefined,
      accountId: c.req.query('accountId'),
      principal: c.req.query('principal'),
    };
    const calls = ctx.calls.list(Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)));
    const byService: Record<string, number> = {};
    for (const call of calls) byService[call.service] = (byService[call.service] ?? 0) + 1;
    return c.json({
      count: calls.length,
      cost: calls.reduce((s, call) => s + call.cost, 0),
      byService,
      calls: calls.slice(-MAX_LISTED_CALLS),
    });
  });
  app.delete('/calls', (c) => {
    ctx.calls.reset();
    return c.json({ count: 0 });
  });

  const outboundService = (name: string) => ((OUTBOUND as readonly string[]).includes(name) ? (name as OutboundService) : undefined);
  app.get('/outbox/:service', (c) => {
    const service = outboundService(c.req.param('service'));
    if (!service) return badRequest(c, `unknown outbound service '${c.req.param('service')}' (${OUTBOUND.join(', ')})`);
    const items = services.outbox.list(service);
    return c.json({ service, count: items.length, items });
  });
  app.delete('/outbox/:service', (c) => {
    const service = outboundService(c.req.param('service'));
    if (!service) return badRequest(c, `unknown outbound service '${c.req.param('service')}' (${OUTBOUND.join(', ')})`);
    services.outbox.clear(service);
    return c.json({ service, count: 0 });
  });

  app.get('/cloudflare/hostnames', (c) =>
    c.json({ hostnames: services.hostnames.all().map((h) => ({ ...h, active: services.hostnames.isActive(h) })) }),
  );
  for (const [action, apply] of [
    ['activate', services.hostnames.activate],
    ['fail', services.hostnames.fail],
  ] as const) {
    app.post(`/cloudflare/hostnames/:idOrHostname/${action}`, (c) => {
      const h = apply(c.req.param('idOrHostname'));
      if (!h) return c.json({ error: 'not_found', message: `no custom hostname '${c.req.param('idOrHostname')}'` }, 404);
      return c.json({ ...h, active: services.hostnames.isActive(h) });
    });
  }

  return app;
}
