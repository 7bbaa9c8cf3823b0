import { describe, expect, it } from 'vitest';
import { createScriptedFetch, type RecordedRequest, readFixture } from '../testing/scripted-fetch';
import type { SyncInput } from '../types';
import { analyticsQuery, LINKEDIN_MAX_LIST_PAGES } from './client';
import { linkedInConnector } from './index';
import { LINKEDIN_CAMPAIGNS_PER_REQUEST } from './sync';

const BASE = 'http://127.0.0.1:9999/linkedin';
const window = { from: '2026-10-31', to: '2026-11-29' };

function input(fetch: typeof globalThis.fetch, extra: Partial<SyncInput> = {}): SyncInput {
  return {
    account: { externalId: '502840441', currency: 'EUR', timeZone: 'UTC' },
    window,
    cursor: null,
    credentials: { accessToken: 'tok' },
    http: { fetch, baseUrl: BASE },
    ...extra,
  };
}

const expectHeaders = (r: RecordedRequest) => {
  expect(r.headers.get('authorization')).toBe('Bearer tok');
  expect(r.headers.get('linkedin-version')).toBe('202603');
  expect(r.headers.get('x-restli-protocol-version')).toBe('2.0.0');
};
const campaign = (id: number, group: number, status = 'ACTIVE') => ({
  id,
  name: `Campaign ${id}`,
  status,
  campaignGroup: `urn:li:sponsoredCampaignGroup:${group}`,
  account: 'urn:li:sponsoredAccount:502840441',
});
const element = (creative: number, campaignId: number, day: number, cost: string) => ({
  dateRange: { start: { year: 2026, month: 11, day }, end: { year: 2026, month: 11, day } },
  pivotValues: [`urn:li:sponsoredCreative:${creative}`, `urn:li:sponsoredCampaign:${campaignId}`],
  impressions: 100,
  clicks: 3,
  costInLocalCurrency: cost,
  costInUsd: '12.5',
  externalWebsiteConversions: 2,
  conversionValueInLocalCurrency: '40.1',
});

describe('LinkedIn adAnalytics encoding', () => {
  it('keeps Rest.li syntax literal and encodes URN colons inside List() as %3A', () => {
    expect(analyticsQuery(window, ['11', '22'])).toBe(
      'q=statistics&pivots=List(CREATIVE,CAMPAIGN)&timeGranularity=(value:DAILY)' +
        '&dateRange=(start:(year:2026,month:10,day:31),end:(year:2026,month:11,day:29))' +
        '&campaigns=List(urn%3Ali%3AsponsoredCampaign%3A11,urn%3Ali%3AsponsoredCampaign%3A22)' +
        '&fields=dateRange,pivotValues,impressions,clicks,costInLocalCurrency,costInUsd,externalWebsiteConversions,conversionValueInLocalCurrency',
    );
  });

  it('stays within the 20-field limit', () => {
    const fields = new URLSearchParams(analyticsQuery(window, ['1'])).get('fields')!.split(',');
    expect(fields.length).toBeLessThanOrEqual(20);
  });
});

describe('LinkedIn syncWindow', () => {
  it('lists campaigns, asks adAnalytics once for the window, and maps creatives to ads under the campaign group', async () => {
    const scripted = createScriptedFetch([
      {
        expect: (r) => {
          expectHeaders(r);
          expect(r.url.pathname).toBe('/linkedin/rest/adAccounts/502840441/adCampaigns');
          expect(r.rawUrl).toContain(
            'search=(status:(values:List(ACTIVE,PAUSED,ARCHIVED,COMPLETED,CANCELED,DRAFT,PENDING_DELETION,REMOVED)))',
          );
        },
        body: { elements: [campaign(11, 7)], metadata: { nextPageToken: 'p2' } },
      },
      {
        expect: (r) => expect(r.url.searchParams.get('pageToken')).toBe('p2'),
        body: { elements: [campaign(22, 8, 'REMOVED')], metadata: {} },
      },
      {
        expect: (r) => {
          expectHeaders(r);
          expect(r.rawUrl).toBe(`${BASE}/rest/adAnalytics?${analyticsQuery(window, ['11', '22'])}`);
        },
        body: {
          paging: { start: 0, count: 10, links: [] },
          elements: [element(901, 11, 5, '107.5300000000000335346'), element(902, 22, 6, '3')],
        },
      },
      {
        expect: (r) => expect(r.url.pathname).toBe('/linkedin/rest/adAccounts/502840441/adCampaignGroups'),
        body: {
          elements: [
            { id: 7, name: 'G7', status: 'ACTIVE' },
            { id: 8, name: 'G8', status: 'ARCHIVED' },
          ],
        },
      },
      {
        expect: (r) => {
          expect(r.url.pathname).toBe('/linkedin/rest/adAccounts/502840441/creatives');
          expect(r.url.searchParams.get('q')).toBe('criteria');
          expect(r.headers.get('x-restli-method')).toBe('FINDER');
        },
        body: {
          elements: [
            { id: 'urn:li:sponsoredCreative:901', campaign: 'urn:li:sponsoredCampaign:11', name: 'Ad 901', intendedStatus: 'ACTIVE' },
            { id: 'urn:li:sponsoredCreative:902', campaign: 'urn:li:sponsoredCampaign:22', name: 'Ad 902', intendedStatus: 'REMOVED' },
          ],
        },
      },
    ]);
    const result = await linkedInConnector.syncWindow(input(scripted.fetch));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.apiCalls).toBe(5);
    expect(result.rows).toEqual([
      {
        date: '2026-11-05',
        adId: '901',
        adGroupId: '11',
        campaignId: '7',
        impressions: 100,
        clicks: 3,
        spendMicros: 107_530_000,
        conversions: 2,
        conversionValueMicros: 40_100_000,
        extras: { costInUsdMicros: 12_500_000 },
      },
      expect.objectContaining({ date: '2026-11-06', adId: '902', adGroupId: '22', campaignId: '8', spendMicros: 3_000_000 }),
    ]);
    expect(result.entities.campaigns.map((c) => [c.externalId, c.status])).toEqual([
      ['7', 'active'],
      ['8', 'archived'],
    ]);
    expect(result.entities.adGroups.map((g) => [g.externalId, g.campaignId, g.status])).toEqual([
      ['11', '7', 'active'],
      ['22', '8', 'deleted'],
    ]);
    expect(result.entities.ads.map((a) => [a.externalId, a.adGroupId, a.campaignId, a.status])).toEqual([
      ['901', '11', '7', 'active'],
      ['902', '22', '8', 'deleted'],
    ]);
  });

  it('batches campaign URNs so no request carries more than the batch size', async () => {
    const many = Array.from({ length: LINKEDIN_CAMPAIGNS_PER_REQUEST + 5 }, (_, i) => campaign(100 + i, 1));
    const scripted = createScriptedFetch([
      { body: { elements: many, metadata: {} } },
      {
        expect: (r) => expect(r.rawUrl.match(/sponsoredCampaign%3A/g)).toHaveLength(LINKEDIN_CAMPAIGNS_PER_REQUEST),
        body: { elements: [] },
      },
      { expect: (r) => expect(r.rawUrl.match(/sponsoredCampaign%3A/g)).toHaveLength(5), body: { elements: [] } },
    ]);
    const result = await linkedInConnector.syncWindow(input(scripted.fetch, { options: { includeEntities: false } }));
    expect(result).toMatchObject({ ok: true, apiCalls: 3, rows: [] });
  });

  it('halves the window when adAnalytics answers over its element cap', async () => {
    const cap = {
      status: 400,
      code: 'ILLEGAL_ARGUMENT',
      message: 'Request would return 20000 elements, more than the maximum of 15000. Narrow the date range, facets or pivots.',
    };
    const scripted = createScriptedFetch([
      { body: { elements: [campaign(11, 7)] } },
      { status: 400, body: cap },
      {
        expect: (r) => expect(r.rawUrl).toContain('dateRange=(start:(year:2026,month:10,day:31),end:(year:2026,month:11,day:14))'),
        body: { elements: [element(901, 11, 5, '1')] },
      },
      {
        expect: (r) => expect(r.rawUrl).toContain('dateRange=(start:(year:2026,month:11,day:15),end:(year:2026,month:11,day:29))'),
        body: { elements: [element(901, 11, 20, '2')] },
      },
    ]);
    const result = await linkedInConnector.syncWindow(input(scripted.fetch, { options: { includeEntities: false } }));
    expect(result.ok && result.rows.map((r) => [r.date, r.spendMicros])).toEqual([
      ['2026-11-05', 1_000_000],
      ['2026-11-20', 2_000_000],
    ]);
  });

  it('makes no analytics call for an account without campaigns', async () => {
    const scripted = createScriptedFetch([{ body: { elements: [], metadata: {} } }]);
    expect(await linkedInConnector.syncWindow(input(scripted.fetch, { options: { includeEntities: false } }))).toMatchObject({
      ok: true,
      apiCalls: 1,
    });
  });

  it('reports a throttled analytics call as rate_limited with no hint', async () => {
    const scripted = createScriptedFetch([
      { body: { elements: [campaign(11, 7)] } },
      { status: 429, body: readFixture('linkedin/error_429_throttle.json') },
    ]);
    expect(await linkedInConnector.syncWindow(input(scripted.fetch))).toMatchObject({
      ok: false,
      apiCalls: 2,
      error: { kind: 'rate_limited', retryAfterMs: null },
    });
  });

  it('maps an invalid token to auth_failed', async () => {
    const scripted = createScriptedFetch([
      { status: 401, body: { status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' } },
    ]);
    expect(await linkedInConnector.syncWindow(input(scripted.fetch))).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
  });
});

describe('LinkedIn syncWindow keeps one delivery bounded', () => {
  const campaignPage = (n: number, token: string | null) => ({
    body: { elements: [campaign(n, 7)], metadata: token ? { nextPageToken: token } : {} },
  });

  it('fails a pageToken that repeats as transient instead of asking for it again', async () => {
    const scripted = createScriptedFetch([campaignPage(1, 'p2'), campaignPage(2, 'p2')]);
    const result = await linkedInConnector.syncWindow(input(scripted.fetch));
    expect(result).toMatchObject({ ok: false, error: { kind: 'transient', message: expect.stringContaining('already returned') } });
    expect(scripted.requests).toHaveLength(2);
  });

  it('fails a campaign list longer than the page cap as permanent, saying so', async () => {
    const scripted = createScriptedFetch(Array.from({ length: LINKEDIN_MAX_LIST_PAGES }, (_, i) => campaignPage(i + 1, `p${i + 2}`)));
    const result = await linkedInConnector.syncWindow(input(scripted.fetch));
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'permanent',
        code: 'page_cap',
        message: expect.stringContaining(`more than ${LINKEDIN_MAX_LIST_PAGES} pages of adCampaigns`),
      },
    });
    expect(scripted.requests).toHaveLength(LINKEDIN_MAX_LIST_PAGES);
  });
});

describe('LinkedIn accounts and OAuth', () => {
  it('follows adAccounts pages until no token is left', async () => {
    const scripted = createScriptedFetch([
      { body: readFixture('linkedin/adaccounts_search_page1.json') },
      {
        expect: (r) => expect(r.url.searchParams.get('pageToken')).toBe('next_page_token_123'),
        body: readFixture('linkedin/adaccounts_search_last_page.json'),
      },
    ]);
    const result = await linkedInConnector.listAccounts({
      credentials: { accessToken: 'tok' },
      http: { fetch: scripted.fetch, baseUrl: BASE },
    });
    expect(result.ok && result.accounts.map((a) => [a.externalId, a.currency])).toEqual([
      ['111111111', 'USD'],
      ['222222222', 'EUR'],
      ['333333333', 'GBP'],
    ]);
  });

  it('builds the authorization URL with the reporting scopes', () => {
    const url = new URL(
      linkedInConnector.oauth.authorizeUrl({ authorizeBaseUrl: BASE, clientId: 'cid', redirectUri: 'http://127.0.0.1/cb', state: 's' }),
    );
    expect(url.pathname).toBe('/linkedin/oauth/v2/authorization');
    expect(url.searchParams.get('scope')).toBe('r_ads r_ads_reporting');
    expect(url.searchParams.get('response_type')).toBe('code');
  });

  it('returns the fixed refresh-token lifetime from the code exchange', async () => {
    const scripted = createScriptedFetch([
      {
        expect: (r) => {
          expect(r.method).toBe('POST');
          expect(r.url.pathname).toBe('/linkedin/oauth/v2/accessToken');
          expect(new URLSearchParams(r.body).get('grant_type')).toBe('authorization_code');
        },
        body: readFixture('linkedin/oauth_token_response.json'),
      },
    ]);
    const result = await linkedInConnector.oauth.exchangeCode({
      http: { fetch: scripted.fetch, baseUrl: BASE },
      app: { clientId: 'cid', clientSecret: 'sec' },
      code: 'c',
      redirectUri: 'http://127.0.0.1/cb',
    });
    expect(result).toMatchObject({
      ok: true,
      tokens: { accessTokenExpiresInSeconds: 5_184_000, refreshTokenExpiresInSeconds: 31_536_000, scopes: ['r_ads', 'r_ads_reporting'] },
    });
  });
});
