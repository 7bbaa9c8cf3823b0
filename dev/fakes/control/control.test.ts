import type { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeContext, type FullFakeContext } from '../fake-context';
import { buildFakeApp } from '../server';

let ctx: FullFakeContext;
let app: Hono;
beforeEach(async () => {
  ctx = createFakeContext({ seed: 5, now: new Date('2026-11-29T12:00:00Z'), speed: 0 });
  ({ app } = await buildFakeApp({ platforms: {} }, ctx));
});

const send = (method: string, path: string, body?: unknown) =>
  app.request(`/_control${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
const json = async (res: Response) => (await res.json()) as Record<string, any>;

describe('control API: regimes', () => {
  it('reads and partially updates a platform regime, keeping the same object the fakes hold', async () => {
    const held = ctx.regimes.google_ads;
    const res = await send('PUT', '/regimes/google_ads', { accessLevel: 'explorer' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ accessLevel: 'explorer', dailyOperations: 2_880, qpsPerCustomer: 10 });
    expect(held.dailyOperations).toBe(2_880);
    expect(await json(await send('GET', '/regimes/google-ads'))).toMatchObject({ accessLevel: 'explorer' });
  });

  it('rejects an unknown platform and bad values with 400 and a message', async () => {
    const unknown = await send('PUT', '/regimes/tiktok', {});
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).message).toContain('tiktok');
    const bad = await send('PUT', '/regimes/meta', { appCallsPerHour: 'lots' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toContain('appCallsPerHour');
    expect((await send('PUT', '/regimes/meta', '{not json')).status).toBe(400);
  });
});

describe('control API: faults', () => {
  it('adds a rule that lasts until cleared when remaining is omitted, lists and clears it', async () => {
    const created = await send('POST', '/faults', { service: 'meta', kind: 'rate_limit', accountId: '123' });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ service: 'meta', kind: 'rate_limit', remaining: null, id: expect.any(String) });
    expect(ctx.faults.take('meta', { path: '/x', accountId: '123' })?.kind).toBe('rate_limit');
    expect((await json(await send('GET', '/faults'))).faults).toHaveLength(1);
    expect((await json(await send('DELETE', '/faults'))).faults).toEqual([]);
  });

  it('adds a probabilistic rule with its seed and refuses a probability above 1', async () => {
    const created = await send('POST', '/faults', { service: 'linkedin', kind: 'server_error', probability: 0.25, seed: 9 });
    expect(await json(created)).toMatchObject({ probability: 0.25, seed: 9, remaining: null });
    const hits = Array.from({ length: 400 }, () => ctx.faults.take('linkedin', { path: '/rest/adAnalytics' })).filter(Boolean).length;
    expect(hits).toBeGreaterThan(60);
    expect(hits).toBeLessThan(140);
    expect((await send('POST', '/faults', { service: 'meta', kind: 'timeout', probability: 1.5 })).status).toBe(400);
    await send('DELETE', '/faults');
  });

  it('refuses a rule with an unknown kind or service', async () => {
    const res = await send('POST', '/faults', { service: 'meta', kind: 'gremlins' });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toContain('kind');
    expect((await send('POST', '/faults', { service: 'myspace', kind: 'timeout' })).status).toBe(400);
  });
});

describe('control API: clock', () => {
  it('sets, advances and speeds up the fake clock', async () => {
    expect(await json(await send('GET', '/clock'))).toEqual({ now: '2026-11-29T12:00:00.000Z', speed: 0 });
    await send('POST', '/clock', { set: '2026-12-01T00:00:00Z' });
    const advanced = await json(await send('POST', '/clock', { advanceMs: 3_600_000, speed: 60 }));
    expect(advanced.speed).toBe(60);
    expect(Date.parse(advanced.now)).toBeGreaterThanOrEqual(Date.parse('2026-12-01T01:00:00Z'));
    expect(ctx.world.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-01T01:00:00Z'));
  });

  it('rejects a date that is not ISO and a negative speed', async () => {
    expect((await send('POST', '/clock', { set: 'tomorrow' })).status).toBe(400);
    expect((await send('POST', '/clock', { speed: -2 })).status).toBe(400);
  });
});

describe('control API: world and truth', () => {
  it('describes accounts, members and entities of every platform', async () => {
    const world = await json(await send('GET', '/world'));
    expect(world.seed).toBe(5);
    expect(world.accounts.length).toBe(ctx.world.accounts().length);
    const meta = ctx.world.accounts('meta')[0]!;
    expect(world.entities.meta[meta.id].ads.length).toBe(ctx.world.ads('meta', meta.id).length);
    expect(world.members.linkedin.map((m: { key: string }) => m.key)).toContain('partner-b');
  });

  it('returns the ground truth of an account with money as integer micros', async () => {
    const account = ctx.world.accounts('google_ads').find((a) => !a.isManager)!;
    const res = await send('GET', `/truth/google_ads/${account.id}?since=2026-11-01&until=2026-11-07`);
    expect(res.status).toBe(200);
    const truth = await json(res);
    expect(truth.facts).toEqual(ctx.world.groundTruth('google_ads', account.id, '2026-11-01', '2026-11-07'));
    expect(truth.facts.length).toBeGreaterThan(0);
    for (const f of truth.facts) expect(Number.isInteger(f.spendMicros)).toBe(true);
  });

  it('answers 404 for an unknown account and 400 for reversed or malformed dates', async () => {
    expect((await send('GET', '/truth/meta/1')).status).toBe(404);
    const id = ctx.world.accounts('meta')[0]!.id;
    expect((await send('GET', `/truth/meta/${id}?since=2026-11-10&until=2026-11-01`)).status).toBe(400);
    expect((await send('GET', `/truth/meta/${id}?since=2026-13-01`)).status).toBe(400);
  });
});

describe('control API: calls, oauth and unknown routes', () => {
  it('counts recorded calls per service, filters them and resets', async () => {
    ctx.calls.record({ service: 'meta', method: 'GET', path: '/a', accountId: '1', at: 0, status: 200, cost: 1 });
    ctx.calls.record({ service: 'linkedin', method: 'GET', path: '/b', at: 0, status: 200, cost: 2 });
    const all = await json(await send('GET', '/calls'));
    expect(all).toMatchObject({ count: 2, cost: 3, byService: { meta: 1, linkedin: 1 } });
    expect((await json(await send('GET', '/calls?service=meta&accountId=1'))).count).toBe(1);
    expect((await send('GET', '/calls?service=myspace')).status).toBe(400);
    await send('DELETE', '/calls');
    expect((await json(await send('GET', '/calls'))).count).toBe(0);
  });

  it('chooses who signs in to a platform OAuth dialog, by demo key or member id', async () => {
    const res = await send('POST', '/oauth/meta', { memberId: 'partner-a', autoApprove: false });
    expect(res.status).toBe(200);
    expect(ctx.oauth.member('meta').key).toBe('partner-a');
    expect(ctx.oauth.autoApprove('meta')).toBe(false);
    expect(ctx.oauth.autoApprove('linkedin')).toBe(true);
    expect(ctx.oauth.member('linkedin').key).toBe('demo');
    const byId = ctx.world.members('linkedin').find((m) => m.key === 'partner-b')!;
    await send('POST', '/oauth/linkedin', { memberId: byId.id });
    expect(ctx.oauth.member('linkedin')).toEqual(byId);
    const unknown = await send('POST', '/oauth/meta', { memberId: 'nobody' });
    expect(unknown.status).toBe(400);
  });

  it('answers unknown control routes with a JSON 404', async () => {
    const res = await send('GET', '/nothing-here');
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error: 'not_found' });
  });
});
