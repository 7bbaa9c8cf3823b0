import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakes } from '../testing';
import { CLIENT, connect, search, searchStream } from './test-support';

type Fakes = Awaited<ReturnType<typeof startFakes>>;
let fakes: Fakes;
let base: string;
let token: string;
let cid: string;
const QUERY = 'SELECT campaign.id, campaign.name FROM campaign';

beforeAll(async () => {
  fakes = await startFakes({ seed: 5, now: new Date('2026-05-20T10:00:00Z'), speed: 0 });
  base = `${fakes.url}/google-ads`;
  token = (await connect(base)).access_token;
  cid = fakes.ctx.world.accounts('google_ads').find((a) => !a.isManager && !a.managerId)!.id;
});
afterAll(() => fakes.close());
beforeEach(async () => {
  token = (await connect(base)).access_token;
  fakes.ctx.faults.clear();
  fakes.ctx.calls.reset();
  fakes.ctx.regimes.google_ads = { accessLevel: 'basic', dailyOperations: 15_000, qpsPerCustomer: 10_000 };
});

const quotaError = (json: any) => json.error.details[0].errors[0];

describe('quota', () => {
  it('counts one operation per query and none for its further pages', async () => {
    const query =
      "SELECT ad_group_ad.ad.id, segments.date, segments.hour, metrics.clicks FROM ad_group_ad WHERE segments.date BETWEEN '2026-03-01' AND '2026-05-19'";
    const first = await search(base, cid, { query }, { token });
    expect(first.json.nextPageToken).toEqual(expect.any(String));
    const second = await search(base, cid, { query, pageToken: first.json.nextPageToken }, { token });
    expect(second.status).toBe(200);
    expect(second.json.results[0]).not.toEqual(first.json.results[0]);
    expect(fakes.ctx.calls.list({ service: 'google_ads', accountId: cid }).map((c) => c.cost)).toEqual([1, 0]);
  });

  it('answers RESOURCE_EXHAUSTED with a retryDelay once the sliding 24 h budget is spent, but still serves further pages', async () => {
    fakes.ctx.regimes.google_ads.dailyOperations = 2;
    const query =
      "SELECT ad_group_ad.ad.id, segments.date, segments.hour, metrics.clicks FROM ad_group_ad WHERE segments.date BETWEEN '2026-03-01' AND '2026-05-19'";
    const paged = await search(base, cid, { query }, { token });
    fakes.ctx.world.clock.advance(30 * 60_000);
    expect((await search(base, cid, { query: QUERY }, { token })).status).toBe(200);
    const refused = await search(base, cid, { query: QUERY }, { token });
    expect(refused.status).toBe(429);
    expect(refused.json.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(quotaError(refused.json)).toMatchObject({
      errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
      details: {
        quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations for basic access', retryDelay: `${23.5 * 3600}s` },
      },
    });
    expect((await search(base, cid, { query, pageToken: paged.json.nextPageToken }, { token })).status).toBe(200);
    fakes.ctx.world.clock.advance(23.5 * 3_600_000);
    token = (await connect(base)).access_token;
    expect((await search(base, cid, { query: QUERY }, { token })).status).toBe(200);
  });

  it('answers RESOURCE_TEMPORARILY_EXHAUSTED when one customer gets more requests per second than allowed', async () => {
    fakes.ctx.regimes.google_ads.qpsPerCustomer = 2;
    expect((await search(base, cid, { query: QUERY }, { token })).status).toBe(200);
    expect((await searchStream(base, cid, QUERY, { token })).status).toBe(200);
    const throttled = await searchStream(base, cid, QUERY, { token });
    expect(throttled.status).toBe(429);
    expect(throttled.json[0].error.details[0].errors[0]).toMatchObject({
      errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
      details: { quotaErrorDetails: { rateScope: 'ACCOUNT', retryDelay: '1s' } },
    });
    fakes.ctx.world.clock.advance(1_000);
    expect((await search(base, cid, { query: QUERY }, { token })).status).toBe(200);
  });

  it('charges a query the API rejects as malformed, not one it throttles', async () => {
    await search(base, cid, { query: 'SELECT campaign.nope FROM campaign' }, { token });
    fakes.ctx.regimes.google_ads.dailyOperations = 1;
    await search(base, cid, { query: QUERY }, { token });
    expect(fakes.ctx.calls.list({ service: 'google_ads' }).map((c) => [c.status, c.cost])).toEqual([
      [400, 1],
      [429, 0],
    ]);
  });
});

describe('injected faults', () => {
  it('server_error answers Google’s 500 INTERNAL once, then the real answer', async () => {
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'server_error', remaining: 1 });
    const failed = await search(base, cid, { query: QUERY }, { token });
    expect(failed.status).toBe(500);
    expect(failed.json.error).toMatchObject({ code: 500, status: 'INTERNAL' });
    expect((await search(base, cid, { query: QUERY }, { token })).status).toBe(200);
  });

  it('rate_limit answers RESOURCE_TEMPORARILY_EXHAUSTED even under budget, only for the matching customer', async () => {
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'rate_limit', accountId: cid, remaining: Infinity });
    const res = await searchStream(base, cid, QUERY, { token });
    expect(res.status).toBe(429);
    expect(res.json[0].error.details[0].errors[0].errorCode).toEqual({ quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' });
  });

  it('revoked_token invalidates every token of the member, the refresh token included', async () => {
    const tokens = await connect(base);
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'revoked_token', pathContains: 'googleAds:search', remaining: 1 });
    const res = await search(base, cid, { query: QUERY }, { token: tokens.access_token });
    expect(res.status).toBe(401);
    expect(res.json.error.status).toBe('UNAUTHENTICATED');
    expect((await search(base, cid, { query: QUERY }, { token: tokens.access_token })).status).toBe(401);
    const refresh = await fetch(`${base}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      }),
    });
    expect(await refresh.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('truncated_body answers 200 with the first half of the real body', async () => {
    const whole = await fetch(`${base}/v23/customers/${cid}/googleAds:searchStream`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    }).then((r) => r.text());
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'truncated_body', remaining: 1 });
    const res = await fetch(`${base}/v23/customers/${cid}/googleAds:searchStream`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    // Request ids differ per call but have the same length, so the halves have the same length too.
    expect(text.length).toBe(Math.floor(whole.length / 2));
    expect(whole.startsWith(text.slice(0, 40))).toBe(true);
  });

  it('timeout holds the request and then drops the connection', async () => {
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'timeout', delayMs: 50, remaining: 1 });
    await expect(search(base, cid, { query: QUERY }, { token })).rejects.toThrow('fetch failed');
    expect((await search(base, cid, { query: QUERY }, { token })).status).toBe(200);
  });
});
