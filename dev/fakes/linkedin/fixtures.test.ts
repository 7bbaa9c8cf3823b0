/** Every recorded LinkedIn fixture against its live counterpart from the fake, over real HTTP. */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeDifferences } from './shape';
import { API_HEADERS, type LinkedInTestServer, signIn, startLinkedInFake } from './test-server';

const FIXTURES = new URL('../../../../shared/fixtures/linkedin/', import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as unknown;

let server: LinkedInTestServer;
let headers: Record<string, string>;
let accountId: string;
/** The fixtures this file compares; the last test checks that no fixture file is left out. */
const COMPARED = [
  'oauth_token_response.json',
  'adaccounts_search_page1.json',
  'adaccounts_search_last_page.json',
  'adcampaigns_search_page.json',
  'adanalytics_campaign_daily_airbyte_response_1.json',
  'adanalytics_campaign_daily_local_currency.json',
  'adanalytics_statistics_two_pivots.json',
  'error_429_throttle.json',
];

async function get(path: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${server.base}${path}`, { headers: { ...headers, ...extra } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

function compare(name: string, actual: unknown, extraKeys: string[] = []) {
  expect(COMPARED).toContain(name);
  expect(shapeDifferences(actual, fixture(name), { extraKeys })).toEqual([]);
}

const range = '(start:(year:2026,month:10,day:1),end:(year:2026,month:10,day:31))';

beforeAll(async () => {
  server = await startLinkedInFake();
  const token = await signIn(server.base, { loginHint: 'demo' });
  headers = { ...API_HEADERS, Authorization: `Bearer ${token.access_token}` };
  accountId = server.ctx.world.accounts('linkedin')[0]!.id;
});
afterAll(() => server.close());

describe('LinkedIn fixtures', () => {
  it('oauth_token_response.json matches the code exchange', async () => {
    compare('oauth_token_response.json', await signIn(server.base));
  });

  it('adaccounts_search_page1.json matches a first page with a nextPageToken', async () => {
    const page = await get('/rest/adAccounts?q=search&pageSize=1');
    expect(page.body.metadata.nextPageToken).toEqual(expect.any(String));
    compare('adaccounts_search_page1.json', page.body);
  });

  it('adaccounts_search_last_page.json matches the last page, whose metadata has no token', async () => {
    const first = await get('/rest/adAccounts?q=search&pageSize=1');
    const last = await get(`/rest/adAccounts?q=search&pageSize=1&pageToken=${first.body.metadata.nextPageToken}`);
    expect(last.body.metadata).toEqual({});
    // The recorded last page omits optional account fields that page 1 shows.
    compare('adaccounts_search_last_page.json', last.body, [
      'reference',
      'servingStatuses',
      'notifiedOnCreativeApproval',
      'notifiedOnCreativeRejection',
      'notifiedOnEndOfCampaign',
      'notifiedOnNewFeaturesEnabled',
    ]);
  });

  it('adcampaigns_search_page.json matches a campaign search (campaigns with a scheduled end)', async () => {
    const page = await get(
      `/rest/adAccounts/${accountId}/adCampaigns?q=search&search=(status:(values:List(PAUSED,ARCHIVED,REMOVED)))&pageSize=500`,
    );
    expect(page.body.metadata).toEqual({});
    const withEnd = page.body.elements.filter((c: any) => c.runSchedule.end !== undefined);
    compare('adcampaigns_search_page.json', { ...page.body, elements: withEnd }, ['test', 'servingStatuses', 'version']);
  });

  it("adanalytics_campaign_daily_airbyte_response_1.json matches Airbyte's daily CAMPAIGN request", async () => {
    const campaigns = server.ctx.world.adGroups('linkedin', accountId).map((g) => `urn%3Ali%3AsponsoredCampaign%3A${g.id}`);
    const res = await get(
      `/rest/adAnalytics?q=analytics&pivot=(value:CAMPAIGN)&timeGranularity=(value:DAILY)&dateRange=${range}` +
        `&campaigns=List(${campaigns.join(',')})&fields=clicks,impressions,pivotValues,costInUsd,dateRange`,
    );
    expect(res.status).toBe(200);
    compare('adanalytics_campaign_daily_airbyte_response_1.json', res.body);
  });

  it('adanalytics_campaign_daily_local_currency.json matches a request for local-currency cost and engagement counts', async () => {
    const res = await get(
      `/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=${range}` +
        `&accounts=List(urn%3Ali%3AsponsoredAccount%3A${accountId})` +
        '&fields=dateRange,pivotValues,costInLocalCurrency,costInUsd,impressions,clicks,landingPageClicks,oneClickLeadFormOpens,oneClickLeads,totalEngagements,externalWebsiteConversions',
    );
    compare('adanalytics_campaign_daily_local_currency.json', res.body);
  });

  it('adanalytics_statistics_two_pivots.json matches q=statistics with SHARE and CAMPAIGN pivots', async () => {
    const res = await get(
      `/rest/adAnalytics?q=statistics&pivots=List(SHARE,CAMPAIGN)&timeGranularity=(value:DAILY)&dateRange=${range}` +
        `&accounts=List(urn%3Ali%3AsponsoredAccount%3A${accountId})` +
        '&fields=dateRange,pivotValues,costInLocalCurrency,impressions,clicks,externalWebsiteConversions,averageDwellTime,audiencePenetration,approximateMemberReach',
    );
    expect(res.body.elements[0].pivotValues).toEqual([
      expect.stringMatching(/^urn:li:share:\d+$/),
      expect.stringMatching(/^urn:li:sponsoredCampaign:\d+$/),
    ]);
    compare('adanalytics_statistics_two_pivots.json', res.body);
  });

  it('error_429_throttle.json matches the daily-limit error, sent without Retry-After', async () => {
    server.ctx.regimes.linkedin = { dailyAppLimit: 1, dailyMemberLimit: 1000 };
    try {
      await get('/rest/adAccounts?q=search');
      const res = await get('/rest/adAccounts?q=search');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeNull();
      compare('error_429_throttle.json', res.body);
    } finally {
      server.ctx.regimes.linkedin = { dailyAppLimit: 100_000, dailyMemberLimit: 2_000 };
    }
  });

  it('covers every LinkedIn fixture file', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    expect([...COMPARED].sort()).toEqual(files.sort());
  });
});
