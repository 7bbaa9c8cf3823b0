import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog';
import { type RunningMetaFake, signIn, startMetaFake } from './test-server';

let fake: RunningMetaFake;
let token: string;
let account: string;
const call = (path: string, init: RequestInit = {}) =>
  fetch(`${fake.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
const errorOf = async (res: Response) => ((await res.json()) as { error: Record<string, unknown> }).error;
const header = (res: Response, name: string) => JSON.parse(res.headers.get(name) ?? 'null');
const insights = () => call(`/v23.0/act_${account}/insights?date_preset=yesterday`);

beforeAll(async () => {
  fake = await startMetaFake();
  token = await signIn(fake.url);
  account = fake.ctx.world.accounts('meta')[0]!.id;
});
afterEach(() => {
  fake.ctx.calls.reset();
  fake.ctx.faults.clear();
  fake.ctx.regimes.meta = { tier: 'limited', appCallsPerHour: 4_800 };
});
afterAll(() => fake.close());

describe('Meta fake rate limits from the call ledger', () => {
  it('reports BUC usage keyed by the account id without act_, as a share of the formula budget', async () => {
    const res = await insights();
    const catalog = loadCatalog(fake.ctx.world, fake.ctx.world.account('meta', account)!);
    const activeAds = catalog.ads.filter((ad) => catalog.effectiveStatus('ad', ad.id) === 'ACTIVE').length;
    expect(activeAds).toBeGreaterThan(0);
    const expectedPct = Math.round((1 / (600 + 400 * activeAds)) * 10_000) / 100;
    expect(header(res, 'X-FB-Ads-Insights-Throttle')).toEqual({
      app_id_util_pct: Math.round((1 / 4800) * 10_000) / 100,
      acc_id_util_pct: expectedPct,
      ads_api_access_tier: 'standard_access',
    });
    const buc = header(res, 'X-Business-Use-Case-Usage');
    expect(buc[account][0]).toMatchObject({ type: 'ads_insights', estimated_time_to_regain_access: 0 });
  });

  it("throttles insights with 80000 once the account's ads_insights budget is spent, with minutes to regain access", async () => {
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 3;
    for (let i = 0; i < 3; i++) expect((await insights()).status).toBe(200);
    fake.ctx.world.clock.advance(10 * 60_000);
    const res = await insights();
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 80000, error_subcode: 2446079 });
    const usage = header(res, 'X-Business-Use-Case-Usage')[account].find((u: { type: string }) => u.type === 'ads_insights');
    expect(usage.call_count).toBe(100);
    expect(usage.estimated_time_to_regain_access).toBe(50);
    expect(header(res, 'X-Ad-Account-Usage').acc_id_util_pct).toBe(100);
  });

  it('marks a throttled answer as throttled in the call ledger and leaves other errors unmarked', async () => {
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 1;
    await insights();
    expect((await insights()).status).toBe(400);
    expect((await call('/v23.0/act_1/nonexistent')).status).toBe(400);
    expect(fake.ctx.calls.list().map((c) => [c.status, c.throttled ?? false])).toEqual([
      [200, false],
      [400, true],
      [400, false],
    ]);
  });

  it('lets calls through again once the oldest calls leave the rolling hour', async () => {
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 2;
    await insights();
    await insights();
    expect((await insights()).status).toBe(400);
    fake.ctx.world.clock.advance(3_600_001);
    expect((await insights()).status).toBe(200);
  });

  it('bills entity reads to ads_management (80004) separately from insights', async () => {
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 1;
    expect((await call(`/v23.0/act_${account}/campaigns`)).status).toBe(200);
    expect(await errorOf(await call(`/v23.0/act_${account}/adsets`))).toMatchObject({ code: 80004, error_subcode: 2446079 });
    expect((await insights()).status).toBe(200);
  });

  it('applies the app-level hourly limit across accounts: code 4, with subcode 1504022 on insights', async () => {
    fake.ctx.regimes.meta.appCallsPerHour = 2;
    await call('/v23.0/me');
    await call('/v23.0/me');
    const plain = await errorOf(await call('/v23.0/me'));
    expect(plain).toMatchObject({ code: 4 });
    expect(plain.error_subcode).toBeUndefined();
    expect(await errorOf(await insights())).toMatchObject({ code: 4, error_subcode: 1504022 });
  });

  it('throttles only the ad account whose own budget is set, with its headers at 100%', async () => {
    const other = fake.ctx.world.accounts('meta')[1]!.id;
    fake.ctx.regimes.meta.accountCallsPerHourByAccount = { [account]: 1 };
    expect((await insights()).status).toBe(200);
    const res = await insights();
    expect(await errorOf(res)).toMatchObject({ code: 80000 });
    expect(header(res, 'X-Ad-Account-Usage').acc_id_util_pct).toBe(100);
    expect((await call(`/v23.0/act_${other}/insights?date_preset=yesterday`)).status).toBe(200);
  });

  it('uses the Full tier formula when the regime says so', async () => {
    fake.ctx.regimes.meta.tier = 'full';
    const res = await insights();
    expect(header(res, 'X-FB-Ads-Insights-Throttle').acc_id_util_pct).toBe(0);
  });

  it('does not bill throttled calls, so waiting is enough to recover', async () => {
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 1;
    await insights();
    for (let i = 0; i < 3; i++) await insights();
    expect(fake.ctx.calls.cost({ service: 'meta', accountId: account }, 0)).toBe(1);
  });
});

describe("Meta fake faults in Meta's own shapes", () => {
  it('renders server_error as HTTP 500 with a transient code 2', async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'server_error', remaining: 1 });
    const res = await call('/v23.0/me');
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toMatchObject({ code: 2, is_transient: true });
  });

  it('renders rate_limit on an ad account as 613/1487742 and elsewhere as 17/2446079', async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'rate_limit', accountId: account, remaining: 1 });
    expect(await errorOf(await call(`/v23.0/act_${account}/ads`))).toMatchObject({ code: 613, error_subcode: 1487742 });
    fake.ctx.faults.add({ service: 'meta', kind: 'rate_limit', remaining: 1 });
    expect(await errorOf(await call('/v23.0/me'))).toMatchObject({ code: 17, error_subcode: 2446079 });
  });

  it('turns a timeout on a sync insights read into 100/1504018 after the delay', async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'timeout', pathContains: '/insights', remaining: 1, delayMs: 50 });
    const started = Date.now();
    const res = await insights();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(await errorOf(res)).toMatchObject({ code: 100, error_subcode: 1504018 });
  });

  it('drops the connection on a timeout elsewhere', async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'timeout', pathContains: '/campaigns', remaining: 1, delayMs: 20 });
    await expect(call(`/v23.0/act_${account}/campaigns`).then((r) => r.text())).rejects.toThrow('fetch failed');
  });

  it('cuts the body in half with status 200 on truncated_body', async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'truncated_body', pathContains: '/campaigns', remaining: 1 });
    const truncated = await call(`/v23.0/act_${account}/campaigns?fields=id,name`);
    const full = await (await call(`/v23.0/act_${account}/campaigns?fields=id,name`)).text();
    expect(truncated.status).toBe(200);
    expect(await truncated.text()).toBe(full.slice(0, Math.floor(full.length / 2)));
  });

  it('records every call with the member as principal and the account it was about', async () => {
    await call(`/v23.0/act_${account}/campaigns`);
    const member = fake.ctx.world.members('meta').find((m) => m.key === 'demo')!;
    expect(fake.ctx.calls.list({ service: 'meta', accountId: account })).toEqual([
      expect.objectContaining({ method: 'GET', path: `/v23.0/act_${account}/campaigns`, principal: member.id, status: 200, cost: 1 }),
    ]);
  });
});
