import { describe, expect, it } from 'vitest';
import { createScriptedFetch, type RecordedRequest, readFixture, type ScriptedAnswer } from '../testing/scripted-fetch';
import type { SyncInput } from '../types';
import { META_MAX_INSIGHTS_PAGES, META_MAX_LIST_PAGES } from './client';
import { metaConnector } from './index';
import { decodeMetaCursor, encodeMetaCursor, META_MAX_REPORT_RESTARTS, META_REPORT_POLL_DELAY_MS } from './sync';

const BASE = 'http://127.0.0.1:9999/meta';
const week = { from: '2026-11-20', to: '2026-11-26' };
const quarter = { from: '2026-09-01', to: '2026-11-29' };

function input(fetch: typeof globalThis.fetch, extra: Partial<SyncInput> = {}): SyncInput {
  return {
    account: { externalId: '123', currency: 'USD', timeZone: 'America/New_York' },
    window: week,
    cursor: null,
    credentials: { accessToken: 'tok' },
    http: { fetch, baseUrl: BASE },
    options: {},
    ...extra,
  };
}

const path = (r: RecordedRequest) => r.url.pathname.replace('/meta', '');
const expectGet = (p: string) => (r: RecordedRequest) => {
  expect(r.method).toBe('GET');
  expect(path(r)).toBe(p);
  expect(r.headers.get('authorization')).toBe('Bearer tok');
};
const entityAnswers = (): ScriptedAnswer[] => [
  { expect: expectGet('/v23.0/act_123/campaigns'), body: { data: [{ id: '7', name: 'C', status: 'ACTIVE', effective_status: 'ACTIVE' }] } },
  { expect: expectGet('/v23.0/act_123/adsets'), body: { data: [{ id: '8', name: 'S', status: 'ACTIVE', campaign_id: '7' }] } },
  {
    expect: (r) => {
      expectGet('/v23.0/act_123/ads')(r);
      expect(JSON.parse(r.url.searchParams.get('filtering')!)[0].value).toEqual(expect.arrayContaining(['DELETED', 'ARCHIVED']));
    },
    body: { data: [{ id: '9', name: 'A', status: 'DELETED', effective_status: 'DELETED', adset_id: '8', campaign_id: '7' }] },
  },
];
const dayRow = (date: string, spend: string) => ({
  ad_id: '9',
  adset_id: '8',
  campaign_id: '7',
  date_start: date,
  date_stop: date,
  impressions: '10',
  clicks: '1',
  spend,
});

describe('Meta syncWindow over a short window', () => {
  it('makes exactly one ad-level daily insights request for the whole window and follows paging.next', async () => {
    const page1 = readFixture('meta/insights_ad_level_daily_airbyte.json') as { paging: Record<string, unknown> };
    page1.paging.next = `${BASE}/v23.0/act_123/insights?after=NzIZD`;
    const scripted = createScriptedFetch([
      {
        expect: (r) => {
          expectGet('/v23.0/act_123/insights')(r);
          const q = r.url.searchParams;
          expect(q.get('level')).toBe('ad');
          expect(q.get('time_increment')).toBe('1');
          expect(JSON.parse(q.get('time_range')!)).toEqual({ since: '2026-11-20', until: '2026-11-26' });
          expect(q.get('fields')).toBe('ad_id,adset_id,campaign_id,date_start,date_stop,impressions,clicks,spend,actions,action_values');
          expect(JSON.parse(q.get('filtering')!)).toEqual([
            { field: 'ad.effective_status', operator: 'IN', value: expect.arrayContaining(['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED']) },
          ]);
          expect(JSON.parse(q.get('action_attribution_windows')!)).toEqual(['7d_click', '1d_view']);
          expect(q.has('access_token')).toBe(false);
        },
        body: page1,
        headers: { 'x-fb-ads-insights-throttle': '{"app_id_util_pct":3,"acc_id_util_pct":12}' },
      },
      { expect: (r) => expect(r.url.searchParams.get('after')).toBe('NzIZD'), body: { data: [dayRow('2026-11-21', '1.5')] } },
      ...entityAnswers(),
    ]);
    const result = await metaConnector.syncWindow(input(scripted.fetch));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.apiCalls).toBe(5);
    // Two insights pages bill ads_insights; campaigns, ad sets and ads bill ads_management.
    expect(result.useCaseCalls).toEqual({ ads_insights: 2, ads_management: 3 });
    expect(result.rows.map((r) => r.spendMicros)).toEqual([14_350_000, 8_530_000, 1_500_000]);
    expect(result.entities.ads[0]).toMatchObject({ externalId: '9', status: 'deleted' });
    expect(result.nextCursor).toBeNull();
    expect(result.usage).toContainEqual({
      platform: 'meta',
      scope: 'account',
      source: 'x-fb-ads-insights-throttle',
      utilPct: 12,
      regainAccessMinutes: null,
      useCase: 'ads_insights',
    });
  });

  it('falls back to an async job when the sync endpoint asks to reduce the amount of data', async () => {
    const scripted = createScriptedFetch([
      { expect: expectGet('/v23.0/act_123/insights'), status: 500, body: readFixture('meta/error_reduce_amount_of_data.json') },
      { expect: (r) => expect(r.method).toBe('POST'), body: { report_run_id: '555' } },
    ]);
    const pending = await metaConnector.syncWindow(input(scripted.fetch, { options: { includeEntities: false } }));
    expect(pending).toMatchObject({ ok: true, apiCalls: 2, rows: [], nextCursor: encodeMetaCursor('555', week) });

    const resumed = createScriptedFetch([
      { expect: expectGet('/v23.0/555'), body: { id: '555', async_status: 'Job Completed', async_percent_completion: 100 } },
      { expect: expectGet('/v23.0/555/insights'), body: { data: [dayRow('2026-11-20', '2')] } },
    ]);
    const cursor = pending.ok ? pending.nextCursor : null;
    const result = await metaConnector.syncWindow(input(resumed.fetch, { cursor, options: { includeEntities: false } }));
    expect(result).toMatchObject({ ok: true, apiCalls: 2, nextCursor: null, rows: [{ spendMicros: 2_000_000 }] });
  });

  it('asks for hourly rows with the advertiser-time-zone breakdown when told to', async () => {
    const scripted = createScriptedFetch([
      { body: { data: [dayRow('2026-11-20', '2')] } },
      {
        expect: (r) => expect(r.url.searchParams.get('breakdowns')).toBe('hourly_stats_aggregated_by_advertiser_time_zone'),
        body: { data: [{ ...dayRow('2026-11-20', '2'), hourly_stats_aggregated_by_advertiser_time_zone: '05:00:00 - 05:59:59' }] },
      },
    ]);
    const result = await metaConnector.syncWindow(input(scripted.fetch, { options: { includeHourly: true, includeEntities: false } }));
    expect(result.ok && result.hourly).toEqual([expect.objectContaining({ hour: 5, spendMicros: 2_000_000 })]);
  });

  it('moves hourly rows to an async report when the sync request is too big, and omits them if it is still running', async () => {
    const tooMuch = { status: 500, body: readFixture('meta/error_reduce_amount_of_data.json') };
    const scripted = createScriptedFetch([
      { body: { data: [dayRow('2026-11-20', '2')] } },
      { ...tooMuch, expect: (r) => expect(r.url.searchParams.get('breakdowns')).toBe('hourly_stats_aggregated_by_advertiser_time_zone') },
      {
        expect: (r) => expect(new URLSearchParams(r.body).get('breakdowns')).toBe('hourly_stats_aggregated_by_advertiser_time_zone'),
        body: { report_run_id: '42' },
      },
      { body: { id: '42', async_status: 'Job Running' } },
    ]);
    const result = await metaConnector.syncWindow(
      input(scripted.fetch, { options: { includeHourly: true, includeEntities: false, maxAsyncPolls: 1 } }),
    );
    expect(result).toMatchObject({ ok: true, nextCursor: null, rows: [{ spendMicros: 2_000_000 }] });
    expect(result.ok && result.hourly).toBeUndefined();
  });

  it('refuses to follow paging.next to another host', async () => {
    const scripted = createScriptedFetch([{ body: { data: [], paging: { next: 'https://evil.example/v23.0/x' } } }]);
    const result = await metaConnector.syncWindow(input(scripted.fetch));
    expect(result).toMatchObject({ ok: false, error: { kind: 'permanent', message: expect.stringContaining('evil.example') } });
    expect(scripted.requests).toHaveLength(1);
  });

  it('reports a rate limit with the regain-access hint and the usage it saw', async () => {
    const buc = JSON.stringify({ '123': [{ type: 'ads_insights', call_count: 104, total_time: 20, estimated_time_to_regain_access: 12 }] });
    const scripted = createScriptedFetch([
      { status: 400, headers: { 'x-business-use-case-usage': buc }, body: readFixture('meta/error_80004_ad_account_too_many_calls.json') },
    ]);
    const result = await metaConnector.syncWindow(input(scripted.fetch));
    expect(result).toMatchObject({
      ok: false,
      apiCalls: 1,
      error: { kind: 'rate_limited', scope: 'account', retryAfterMs: 720_000, cursor: null },
      usage: [{ scope: 'account', utilPct: 104, regainAccessMinutes: 12 }],
    });
  });

  it('maps an expired token to auth_failed', async () => {
    const scripted = createScriptedFetch([
      { status: 400, body: { error: { message: 'Session has expired', code: 190, error_subcode: 463 } } },
    ]);
    expect(await metaConnector.syncWindow(input(scripted.fetch))).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
  });
});

describe('Meta syncWindow over a long window', () => {
  it('creates one async report, then polls it and reads its rows in the continuation', async () => {
    const created = createScriptedFetch([
      {
        expect: (r) => {
          expect(r.method).toBe('POST');
          expect(path(r)).toBe('/v23.0/act_123/insights');
          const form = new URLSearchParams(r.body);
          expect(form.get('level')).toBe('ad');
          expect(form.get('time_increment')).toBe('1');
          expect(JSON.parse(form.get('time_range')!)).toEqual({ since: '2026-09-01', until: '2026-11-29' });
        },
        body: readFixture('meta/async_report_run_create.json'),
      },
    ]);
    const options = { includeEntities: false, maxAsyncPolls: 2 };
    const pending = await metaConnector.syncWindow(input(created.fetch, { window: quarter, options }));
    expect(pending).toMatchObject({ ok: true, apiCalls: 1, rows: [], nextCursor: encodeMetaCursor('6042987654321098', quarter) });

    const scripted = createScriptedFetch([
      { expect: expectGet('/v23.0/6042987654321098'), body: readFixture('meta/async_report_run_status_running.json') },
      { expect: expectGet('/v23.0/6042987654321098'), body: readFixture('meta/async_report_run_status_completed.json') },
      { expect: expectGet('/v23.0/6042987654321098/insights'), body: readFixture('meta/insights_ad_level_daily_airbyte.json') },
    ]);
    const cursor = pending.ok ? pending.nextCursor : null;
    const result = await metaConnector.syncWindow(input(scripted.fetch, { window: quarter, cursor, options }));
    expect(result).toMatchObject({ ok: true, apiCalls: 3, nextCursor: null });
    expect(result.ok && result.rows).toHaveLength(2);
  });

  it('hands back a cursor while the report is still running and resumes it without a new job', async () => {
    const running = readFixture('meta/async_report_run_status_running.json');
    const first = createScriptedFetch([{ body: { report_run_id: '777' } }]);
    const options = { includeEntities: false, maxAsyncPolls: 2 };
    const created = await metaConnector.syncWindow(input(first.fetch, { window: quarter, options }));
    if (!created.ok) throw new Error(created.error.message);
    const polled = createScriptedFetch([{ body: running }, { body: running }]);
    const pending = await metaConnector.syncWindow(input(polled.fetch, { window: quarter, cursor: created.nextCursor, options }));
    if (!pending.ok) throw new Error(pending.error.message);
    expect(pending.rows).toEqual([]);
    expect(polled.requests).toHaveLength(2);
    expect(decodeMetaCursor(pending.nextCursor, quarter)?.reportRunId).toBe('777');

    const second = createScriptedFetch([
      { expect: expectGet('/v23.0/777'), body: { id: '777', async_status: 'Job Completed' } },
      { expect: expectGet('/v23.0/777/insights'), body: { data: [dayRow('2026-10-01', '3')] } },
    ]);
    const resumed = await metaConnector.syncWindow(input(second.fetch, { window: quarter, cursor: pending.nextCursor, options }));
    expect(resumed).toMatchObject({ ok: true, nextCursor: null, rows: [{ date: '2026-10-01', spendMicros: 3_000_000 }] });
  });

  it('creates the report on the first delivery and hands back its cursor with a short retry hint, polling nothing', async () => {
    const scripted = createScriptedFetch([{ expect: (r) => expect(r.method).toBe('POST'), body: { report_run_id: '555' } }]);
    const started = Date.now();
    const result = await metaConnector.syncWindow(input(scripted.fetch, { window: quarter, options: { includeEntities: false } }));
    expect(result).toMatchObject({ ok: true, rows: [], apiCalls: 1, retryAfterMs: META_REPORT_POLL_DELAY_MS });
    expect(result.ok && decodeMetaCursor(result.nextCursor, quarter)?.reportRunId).toBe('555');
    expect(scripted.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('polls a resumed report once per delivery without sleeping and defers again while it runs', async () => {
    const running = readFixture('meta/async_report_run_status_running.json');
    const scripted = createScriptedFetch([{ expect: expectGet('/v23.0/555'), body: running }]);
    const cursor = encodeMetaCursor('555', quarter);
    const started = Date.now();
    const result = await metaConnector.syncWindow(input(scripted.fetch, { window: quarter, cursor, options: { includeEntities: false } }));
    expect(result).toMatchObject({ ok: true, rows: [], apiCalls: 1, nextCursor: cursor, retryAfterMs: META_REPORT_POLL_DELAY_MS });
    expect(scripted.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('keeps the report in the cursor when rate limited mid-poll', async () => {
    const scripted = createScriptedFetch([{ status: 400, body: readFixture('meta/error_17_user_request_limit.json') }]);
    const cursor = encodeMetaCursor('888', quarter);
    const result = await metaConnector.syncWindow(input(scripted.fetch, { window: quarter, cursor }));
    if (result.ok || result.error.kind !== 'rate_limited') throw new Error('expected a rate limit');
    expect(decodeMetaCursor(result.error.cursor, quarter)?.reportRunId).toBe('888');
  });

  it('ignores a cursor that belongs to another window', () => {
    expect(decodeMetaCursor(encodeMetaCursor('1', quarter), week)).toBeNull();
    expect(decodeMetaCursor('not json', week)).toBeNull();
  });

  it('starts a fresh report when Meta failed the one in the cursor, and hands its cursor back counting the restart', async () => {
    const scripted = createScriptedFetch([
      { body: { id: '999', async_status: 'Job Failed', error_message: 'Report Failed' } },
      { expect: (r) => expect(r.method).toBe('POST'), body: { report_run_id: '1000' } },
    ]);
    const result = await metaConnector.syncWindow(input(scripted.fetch, { window: quarter, cursor: encodeMetaCursor('999', quarter) }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.rows).toEqual([]);
    expect(decodeMetaCursor(result.nextCursor, quarter)).toMatchObject({ reportRunId: '1000', restarts: 1 });
  });

  it(`fails the window as transient once Meta failed ${META_MAX_REPORT_RESTARTS} fresh reports of it in a row`, async () => {
    const scripted = createScriptedFetch([{ body: { id: '999', async_status: 'Job Failed', error_message: 'Report Failed' } }]);
    const cursor = encodeMetaCursor('999', quarter, META_MAX_REPORT_RESTARTS);
    const result = await metaConnector.syncWindow(input(scripted.fetch, { window: quarter, cursor }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'transient', message: expect.stringContaining('Report Failed') } });
  });
});

describe('Meta OAuth and account listing', () => {
  it('builds the consent dialog URL on the pinned version', () => {
    const url = new URL(
      metaConnector.oauth.authorizeUrl({ authorizeBaseUrl: BASE, clientId: 'app', redirectUri: 'http://127.0.0.1/cb', state: 's1' }),
    );
    expect(url.pathname).toBe('/meta/v23.0/dialog/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app',
      redirect_uri: 'http://127.0.0.1/cb',
      state: 's1',
      scope: 'ads_read',
      response_type: 'code',
    });
  });

  it('exchanges the code, then trades the short-lived token for a long-lived one', async () => {
    const scripted = createScriptedFetch([
      {
        expect: (r) => expect(r.url.searchParams.get('code')).toBe('abc'),
        body: { access_token: 'short', token_type: 'bearer', expires_in: 3600 },
      },
      {
        expect: (r) => {
          expect(r.url.searchParams.get('grant_type')).toBe('fb_exchange_token');
          expect(r.url.searchParams.get('fb_exchange_token')).toBe('short');
        },
        body: readFixture('meta/oauth_long_lived_token_exchange.json'),
      },
    ]);
    const result = await metaConnector.oauth.exchangeCode({
      http: { fetch: scripted.fetch, baseUrl: BASE },
      app: { clientId: 'app', clientSecret: 'secret' },
      code: 'abc',
      redirectUri: 'http://127.0.0.1/cb',
    });
    expect(result).toMatchObject({ ok: true, apiCalls: 2, tokens: { accessTokenExpiresInSeconds: 5_183_944, refreshToken: null } });
    expect(metaConnector.oauth.refresh).toBeUndefined();
  });

  it('lists ad accounts with currency and time zone', async () => {
    const scripted = createScriptedFetch([
      {
        expect: expectGet('/v23.0/me/adaccounts'),
        body: { data: [{ id: 'act_1', account_id: '1', name: 'Shop', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 }] },
      },
    ]);
    const result = await metaConnector.listAccounts({
      credentials: { accessToken: 'tok' },
      http: { fetch: scripted.fetch, baseUrl: BASE },
    });
    expect(result).toMatchObject({ ok: true, accounts: [{ externalId: '1', currency: 'JPY', timeZone: 'Asia/Tokyo', rawStatus: '1' }] });
  });
});

describe('Meta syncWindow keeps one delivery bounded', () => {
  const insightsPage = (n: number, next: string | null) => ({
    body: { data: [dayRow('2026-11-20', String(n))], ...(next ? { paging: { next } } : {}) },
  });
  const pageUrl = (n: number) => `${BASE}/v23.0/act_123/insights?after=p${n}`;

  it('stops at the insights page cap with the rows so far and a cursor at paging.next, and the next delivery finishes there', async () => {
    const pages = Array.from({ length: META_MAX_INSIGHTS_PAGES }, (_, i) => insightsPage(i + 1, pageUrl(i + 2)));
    const first = createScriptedFetch(pages);
    const partial = await metaConnector.syncWindow(input(first.fetch));
    if (!partial.ok) throw new Error(partial.error.message);
    expect(first.requests).toHaveLength(META_MAX_INSIGHTS_PAGES);
    expect(partial.rows).toHaveLength(META_MAX_INSIGHTS_PAGES);
    expect(partial.entities).toEqual({ campaigns: [], adGroups: [], ads: [] });
    expect(decodeMetaCursor(partial.nextCursor, week)).toMatchObject({ next: pageUrl(META_MAX_INSIGHTS_PAGES + 1) });

    const rest = createScriptedFetch([
      { expect: (r) => expect(r.url.searchParams.get('after')).toBe(`p${META_MAX_INSIGHTS_PAGES + 1}`), ...insightsPage(99, null) },
      ...entityAnswers(),
    ]);
    const finished = await metaConnector.syncWindow(input(rest.fetch, { cursor: partial.nextCursor }));
    expect(finished).toMatchObject({ ok: true, nextCursor: null, rows: [{ spendMicros: 99_000_000 }] });
    expect(finished.ok && finished.entities.ads).toHaveLength(1);
  });

  it('fails a paging.next that repeats as transient instead of following it again', async () => {
    const scripted = createScriptedFetch([insightsPage(1, pageUrl(2)), insightsPage(2, pageUrl(2))]);
    const result = await metaConnector.syncWindow(input(scripted.fetch));
    expect(result).toMatchObject({ ok: false, error: { kind: 'transient', message: expect.stringContaining('already returned') } });
    expect(scripted.requests).toHaveLength(2);
  });

  it('fails an entity list longer than the page cap as permanent, saying so', async () => {
    const campaignPage = (n: number) => ({
      body: { data: [{ id: `c${n}`, name: 'C', status: 'ACTIVE' }], paging: { next: `${BASE}/v23.0/act_123/campaigns?after=c${n + 1}` } },
    });
    const scripted = createScriptedFetch([
      insightsPage(1, null),
      ...Array.from({ length: META_MAX_LIST_PAGES }, (_, i) => campaignPage(i)),
    ]);
    const result = await metaConnector.syncWindow(input(scripted.fetch));
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'permanent', code: 'page_cap', message: expect.stringContaining(`more than ${META_MAX_LIST_PAGES} pages`) },
    });
    expect(scripted.requests).toHaveLength(1 + META_MAX_LIST_PAGES);
  });
});
