import { describe, expect, it } from 'vitest';
import { createScriptedFetch, type RecordedRequest, readFixture } from '../testing/scripted-fetch';
import type { SyncInput } from '../types';
import { googleAdsConnector } from './index';

const BASE = 'http://127.0.0.1:9999/google-ads';
const adRow = (date: string, adId: string, status = 'ENABLED') => ({
  campaign: { id: '700001', name: 'Brand', status: 'ENABLED' },
  adGroup: { id: '400001', name: 'Shoes', status: 'PAUSED' },
  adGroupAd: { ad: { id: adId, name: `Ad ${adId}` }, status },
  segments: { date },
  metrics: { impressions: '120', clicks: '7', costMicros: '4560000', conversions: 1.25, conversionsValue: 19.99 },
});

function input(fetch: typeof globalThis.fetch, extra: Partial<SyncInput> = {}): SyncInput {
  return {
    account: { externalId: '123-456-7890', currency: 'USD', timeZone: 'America/New_York', managerExternalId: '9998887777' },
    window: { from: '2026-10-31', to: '2026-11-29' },
    cursor: null,
    credentials: { accessToken: 'tok', developerToken: 'devtoken' },
    http: { fetch, baseUrl: BASE },
    ...extra,
  };
}

const expectStream = (r: RecordedRequest) => {
  expect(r.method).toBe('POST');
  expect(r.url.pathname).toBe('/google-ads/v24/customers/1234567890/googleAds:searchStream');
  expect(r.headers.get('authorization')).toBe('Bearer tok');
  expect(r.headers.get('login-customer-id')).toBe('9998887777');
  expect(r.headers.get('developer-token')).toBe('devtoken');
};

describe('Google Ads syncWindow', () => {
  it('sends one ad-level searchStream for the whole window and maps rows and entities from it', async () => {
    const scripted = createScriptedFetch([
      {
        expect: (r) => {
          expectStream(r);
          const { query } = JSON.parse(r.body) as { query: string };
          expect(query).toContain('FROM ad_group_ad');
          expect(query).toContain("WHERE segments.date BETWEEN '2026-10-31' AND '2026-11-29'");
          for (const field of ['ad_group_ad.ad.id', 'metrics.cost_micros', 'metrics.conversions_value', 'ad_group_ad.status']) {
            expect(query).toContain(field);
          }
        },
        body: [
          { results: [adRow('2026-11-01', '500001')] },
          { results: [adRow('2026-11-02', '500002', 'REMOVED')], queryResourceConsumption: '10' },
        ],
      },
    ]);
    const result = await googleAdsConnector.syncWindow(input(scripted.fetch));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.apiCalls).toBe(1);
    expect(result.rows[0]).toEqual({
      date: '2026-11-01',
      adId: '500001',
      adGroupId: '400001',
      campaignId: '700001',
      impressions: 120,
      clicks: 7,
      spendMicros: 4_560_000,
      conversions: 1.25,
      conversionValueMicros: 19_990_000,
      extras: {},
    });
    expect(result.entities.ads).toEqual([
      { externalId: '500001', adGroupId: '400001', campaignId: '700001', name: 'Ad 500001', status: 'active', rawStatus: 'ENABLED' },
      { externalId: '500002', adGroupId: '400001', campaignId: '700001', name: 'Ad 500002', status: 'deleted', rawStatus: 'REMOVED' },
    ]);
    expect(result.entities.adGroups).toEqual([
      { externalId: '400001', campaignId: '700001', name: 'Shoes', status: 'paused', rawStatus: 'PAUSED' },
    ]);
  });

  it('omits login-customer-id and developer-token for a directly reachable account without one', async () => {
    const scripted = createScriptedFetch([
      {
        expect: (r) => {
          expect(r.headers.has('login-customer-id')).toBe(false);
          expect(r.headers.has('developer-token')).toBe(false);
        },
        body: [],
      },
    ]);
    const result = await googleAdsConnector.syncWindow(
      input(scripted.fetch, {
        account: { externalId: '1234567890', currency: 'EUR', timeZone: 'Europe/Berlin' },
        credentials: { accessToken: 'tok' },
      }),
    );
    expect(result).toMatchObject({ ok: true, rows: [] });
  });

  it('adds segments.hour in a second stream when hourly rows are asked for', async () => {
    const scripted = createScriptedFetch([
      { body: [{ results: [adRow('2026-11-29', '500001')] }] },
      {
        expect: (r) => expect(JSON.parse(r.body).query).toContain('segments.hour'),
        body: [{ results: [{ ...adRow('2026-11-29', '500001'), segments: { date: '2026-11-29', hour: 9 } }] }],
      },
    ]);
    const result = await googleAdsConnector.syncWindow(input(scripted.fetch, { options: { includeHourly: true } }));
    expect(result.ok && result.hourly).toEqual([expect.objectContaining({ hour: 9, spendMicros: 4_560_000 })]);
  });

  it('returns the quota error as rate_limited with the retry delay', async () => {
    const scripted = createScriptedFetch([{ status: 429, body: [readFixture('google_ads/error_resource_exhausted_429.json')] }]);
    expect(await googleAdsConnector.syncWindow(input(scripted.fetch))).toMatchObject({
      ok: false,
      apiCalls: 1,
      error: { kind: 'rate_limited', retryAfterMs: 40_591_000, scope: 'daily' },
    });
  });

  it('treats an error element inside a 200 stream as a failure, not as a short result', async () => {
    const failed = readFixture('google_ads/error_searchstream_array_400_manager_metrics.json') as unknown[];
    const scripted = createScriptedFetch([{ body: [{ results: [adRow('2026-11-01', '1')] }, ...failed] }]);
    expect(await googleAdsConnector.syncWindow(input(scripted.fetch))).toMatchObject({
      ok: false,
      error: { kind: 'permanent', code: 'REQUESTED_METRICS_FOR_MANAGER' },
    });
  });

  it('fails a searchStream larger than the response cap as permanent instead of buffering it (the stream has no pages to continue)', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ campaign: { id: String(i) }, metrics: { costMicros: '1' } }));
    const scripted = createScriptedFetch([{ body: [{ results: rows }] }]);
    const result = await googleAdsConnector.syncWindow({
      ...input(scripted.fetch),
      http: { fetch: scripted.fetch, baseUrl: BASE, maxResponseBytes: 2_000 },
    });
    expect(result).toMatchObject({
      ok: false,
      apiCalls: 1,
      error: { kind: 'permanent', code: 'response_too_large', message: expect.stringContaining('over 2000 bytes') },
    });
  });

  it('reports a stream truncated twice in a row as transient', async () => {
    const scripted = createScriptedFetch([{ body: '[{"results":[{"campaign":{"id":"1"' }, { body: '[{"results":[{"camp' }]);
    expect(await googleAdsConnector.syncWindow(input(scripted.fetch))).toMatchObject({ ok: false, error: { kind: 'transient' } });
  });
});

describe('Google Ads account discovery', () => {
  it('lists accessible customers and every client below a manager with the manager id', async () => {
    const client = (id: string, level: string, manager: boolean, currencyCode = 'USD') => ({
      customerClient: { id, level, manager, descriptiveName: `C${id}`, currencyCode, timeZone: 'Europe/London', status: 'ENABLED' },
    });
    const scripted = createScriptedFetch([
      {
        expect: (r) => expect(r.url.pathname).toBe('/google-ads/v24/customers:listAccessibleCustomers'),
        body: readFixture('google_ads/list_accessible_customers.json'),
      },
      {
        expect: (r) => expect(JSON.parse(r.body).query).toContain('FROM customer_client'),
        body: [
          {
            results: [
              client('1112223333', '0', true),
              client('2000000001', '1', false, 'GBP'),
              client('4445556666', '1', false),
              client('3000000002', '2', false, 'EUR'),
            ],
          },
        ],
      },
      { body: [{ results: [client('4445556666', '0', false)] }] },
    ]);
    const result = await googleAdsConnector.listAccounts({
      credentials: { accessToken: 'tok' },
      http: { fetch: scripted.fetch, baseUrl: BASE },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.accounts.map((a) => [a.externalId, a.isManager, a.managerExternalId ?? null, a.currency])).toEqual([
      ['1112223333', true, null, 'USD'],
      ['4445556666', false, null, 'USD'],
      ['2000000001', false, '1112223333', 'GBP'],
      ['3000000002', false, '1112223333', 'EUR'],
    ]);
  });
});

describe('Google Ads OAuth', () => {
  it('asks for offline access with a forced consent so a refresh token comes back', () => {
    const url = new URL(
      googleAdsConnector.oauth.authorizeUrl({ authorizeBaseUrl: BASE, clientId: 'cid', redirectUri: 'http://127.0.0.1/cb', state: 'st' }),
    );
    expect(url.pathname).toBe('/google-ads/o/oauth2/v2/auth');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/adwords');
  });

  it('refreshes an access token and keeps the existing refresh token', async () => {
    const scripted = createScriptedFetch([
      {
        expect: (r) => {
          expect(r.method).toBe('POST');
          expect(r.url.pathname).toBe('/google-ads/token');
          expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual({
            grant_type: 'refresh_token',
            refresh_token: 'rt',
            client_id: 'cid',
            client_secret: 'sec',
          });
        },
        body: readFixture('google_ads/oauth_refresh_response.json'),
      },
    ]);
    const result = await googleAdsConnector.oauth.refresh!({
      http: { fetch: scripted.fetch, baseUrl: BASE },
      app: { clientId: 'cid', clientSecret: 'sec' },
      refreshToken: 'rt',
    });
    expect(result).toMatchObject({
      ok: true,
      tokens: { accessToken: 'ya29.a0AfB_example', accessTokenExpiresInSeconds: 3599, refreshToken: 'rt' },
    });
  });

  it('maps a revoked refresh token to auth_failed', async () => {
    const scripted = createScriptedFetch([
      { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } },
    ]);
    const result = await googleAdsConnector.oauth.refresh!({
      http: { fetch: scripted.fetch, baseUrl: BASE },
      app: { clientId: 'cid', clientSecret: 'sec' },
      refreshToken: 'rt',
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
  });
});
