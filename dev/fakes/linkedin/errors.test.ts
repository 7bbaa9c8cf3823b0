/** Each documented LinkedIn error behaviour, and loud failures for anything unexpected. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HEADERS, type LinkedInTestServer, signIn, startLinkedInFake } from './test-server';

let server: LinkedInTestServer;
let auth: string;
let accountId: string;
let otherAccountId: string;

beforeAll(async () => {
  server = await startLinkedInFake({ elementCap: 50 });
  const partnerA = server.ctx.world.members('linkedin').find((m) => m.key === 'partner-a')!;
  accountId = partnerA.accountIds[0]!;
  otherAccountId = server.ctx.world.accounts('linkedin').find((a) => !partnerA.accountIds.includes(a.id))!.id;
  auth = `Bearer ${(await signIn(server.base, { loginHint: 'partner-a' })).access_token}`;
});
afterAll(() => server.close());

async function call(path: string, headers: Record<string, string | undefined> = {}, init: RequestInit = {}) {
  const merged = Object.fromEntries(
    Object.entries({ ...API_HEADERS, Authorization: auth, ...headers }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  const res = await fetch(`${server.base}${path}`, { ...init, headers: merged });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const facet = (id: string) => `accounts=List(urn%3Ali%3AsponsoredAccount%3A${id})`;
const analytics = (extra: string) =>
  `/rest/adAnalytics?q=analytics&pivot=(value:CAMPAIGN)&timeGranularity=(value:DAILY)&dateRange=(start:(year:2026,month:11,day:1),end:(year:2026,month:11,day:7))&${extra}`;

describe('LinkedIn headers', () => {
  it('answers 400 VERSION_MISSING without a Linkedin-Version header', async () => {
    expect(await call('/rest/adAccounts?q=search', { 'Linkedin-Version': undefined })).toMatchObject({
      status: 400,
      body: { code: 'VERSION_MISSING' },
    });
  });

  it('answers 426 NONEXISTENT_VERSION for the sunset version 202511', async () => {
    const res = await call('/rest/adAccounts?q=search', { 'Linkedin-Version': '202511' });
    expect(res).toEqual({
      status: 426,
      body: { status: 426, code: 'NONEXISTENT_VERSION', message: 'Requested version 20251101 is not active' },
    });
  });

  it('answers 400 NONEXISTENT_VERSION for a version not released yet', async () => {
    expect(await call('/rest/adAccounts?q=search', { 'Linkedin-Version': '202612' })).toMatchObject({
      status: 400,
      body: { code: 'NONEXISTENT_VERSION' },
    });
  });

  it('answers 400 without X-Restli-Protocol-Version: 2.0.0', async () => {
    expect((await call('/rest/adAccounts?q=search', { 'X-Restli-Protocol-Version': undefined })).status).toBe(400);
    expect((await call('/rest/adAccounts?q=search', { 'X-Restli-Protocol-Version': '1.0.0' })).status).toBe(400);
  });

  it('answers 400 for an unknown Rest.li header and for the creatives finder without X-RestLi-Method', async () => {
    expect(await call('/rest/adAccounts?q=search', { 'X-RestLi-Foo': '1' })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('x-restli-foo') },
    });
    expect((await call(`/rest/adAccounts/${accountId}/creatives?q=criteria`)).status).toBe(400);
    expect((await call(`/rest/adAccounts/${accountId}/creatives?q=criteria`, { 'X-RestLi-Method': 'FINDER' })).status).toBe(200);
  });
});

describe('LinkedIn paths and parameters', () => {
  it("answers 404 in LinkedIn's shape for an unknown resource, also outside /rest", async () => {
    expect(await call('/rest/adThings?q=search')).toMatchObject({
      status: 404,
      body: { status: 404, message: 'No virtual resource found' },
    });
    expect((await call('/v2/me')).status).toBe(404);
  });

  it('answers 400 QUERY_PARAM_NOT_ALLOWED for an unknown parameter', async () => {
    expect(await call('/rest/adAccounts?q=search&color=blue')).toMatchObject({ status: 400, body: { code: 'QUERY_PARAM_NOT_ALLOWED' } });
    expect((await call(analytics(`${facet(accountId)}&sortBy=(field:COST_IN_LOCAL_CURRENCY)`))).status).toBe(400);
  });

  it('answers 400 ILLEGAL_ARGUMENT when no finder matches q', async () => {
    expect(await call('/rest/adAccounts')).toMatchObject({ status: 400, body: { code: 'ILLEGAL_ARGUMENT' } });
    expect((await call('/rest/adAccounts?q=owner')).status).toBe(400);
  });

  it("answers 403 for another member's account and 404 for an account that does not exist", async () => {
    expect(await call(`/rest/adAccounts/${otherAccountId}`)).toMatchObject({ status: 403, body: { code: 'ACCESS_DENIED' } });
    expect((await call(`/rest/adAccounts/${otherAccountId}/adCampaigns?q=search`)).status).toBe(403);
    expect((await call('/rest/adAccounts/999999999')).status).toBe(404);
  });

  it("answers empty elements for analytics facets naming another member's account", async () => {
    expect(await call(analytics(facet(otherAccountId)))).toMatchObject({ status: 200, body: { elements: [] } });
  });

  it('answers 400 with a clear message when URN colons inside List() are not encoded', async () => {
    const res = await call(analytics(`accounts=List(urn:li:sponsoredAccount:${accountId})`));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/colons inside a URN must be encoded as %3A/);
  });

  it('answers 400 for double-encoded URNs and for a percent-encoded List', async () => {
    expect((await call(analytics(`accounts=List(urn%253Ali%253AsponsoredAccount%253A${accountId})`))).body.message).toMatch(
      /double-encoded/,
    );
    expect((await call(analytics(`accounts=List%28urn%3Ali%3AsponsoredAccount%3A${accountId}%29`))).body.message).toMatch(
      /must not be percent-encoded/,
    );
  });

  it('answers 400 for more than 20 fields', async () => {
    const fields = [
      'dateRange',
      'pivotValues',
      'impressions',
      'clicks',
      'costInLocalCurrency',
      'costInUsd',
      'likes',
      'comments',
      'shares',
      'follows',
      'reactions',
      'opens',
      'sends',
      'videoViews',
      'videoStarts',
      'videoCompletions',
      'landingPageClicks',
      'totalEngagements',
      'oneClickLeads',
      'oneClickLeadFormOpens',
      'companyPageClicks',
    ];
    const res = await call(analytics(`${facet(accountId)}&fields=${fields.join(',')}`));
    expect(res).toMatchObject({ status: 400, body: { code: 'PARAM_INVALID' } });
    expect(res.body.message).toMatch(/Too many fields requested: 21/);
    expect((await call(analytics(`${facet(accountId)}&fields=${fields.slice(0, 20).join(',')}`))).status).toBe(200);
  });

  it('answers 400 for an unknown field, a missing facet, a missing dateRange and an unsupported pivot', async () => {
    expect((await call(analytics(`${facet(accountId)}&fields=impressions,spend`))).body.message).toMatch(/Unknown field 'spend'/);
    expect((await call(analytics(''))).body.message).toMatch(/at least one facet/);
    expect((await call(`/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&${facet(accountId)}`)).body.message).toBe(
      "Parameter 'dateRange' is required",
    );
    expect((await call(analytics(facet(accountId)).replace('(value:CAMPAIGN)', 'MEMBER_COUNTRY_V2'))).body.message).toMatch(
      /not served by this fake/,
    );
  });

  it('answers 400 when q=statistics asks for more than 3 pivots', async () => {
    const res = await call(
      `/rest/adAnalytics?q=statistics&pivots=List(ACCOUNT,CAMPAIGN_GROUP,CAMPAIGN,CREATIVE)&timeGranularity=ALL&dateRange=(start:(year:2026,month:11,day:1))&${facet(accountId)}`,
    );
    expect(res.body.message).toMatch(/Between 1 and 3 pivots/);
  });

  it('refuses a report with more elements than the cap instead of paging', async () => {
    const res = await call(analytics(facet(accountId)).replace('(value:CAMPAIGN)', '(value:CREATIVE)').replace('day:7', 'day:28'));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/more than the maximum of 50/);
  });

  it('answers 414 for a URL over 8 KB, and serves the same query tunneled through POST', async () => {
    const campaigns = Array.from({ length: 250 }, (_, i) => `urn%3Ali%3AsponsoredCampaign%3A${100000000 + i}`).join(',');
    const query = `q=analytics&pivot=CAMPAIGN&timeGranularity=ALL&dateRange=(start:(year:2026,month:11,day:1))&${facet(accountId)}&campaigns=List(${campaigns})`;
    expect(await call(`/rest/adAnalytics?${query}`)).toMatchObject({ status: 414 });
    const tunneled = await call(
      '/rest/adAnalytics',
      { 'X-HTTP-Method-Override': 'GET', 'Content-Type': 'application/x-www-form-urlencoded' },
      { method: 'POST', body: query },
    );
    expect(tunneled).toMatchObject({ status: 200, body: { elements: [] } });
    const small = `q=analytics&pivot=CAMPAIGN&timeGranularity=ALL&dateRange=(start:(year:2026,month:11,day:1))&${facet(accountId)}`;
    const viaPost = await call(
      '/rest/adAnalytics',
      { 'X-HTTP-Method-Override': 'GET', 'Content-Type': 'application/x-www-form-urlencoded' },
      { method: 'POST', body: small },
    );
    expect(viaPost.body).toEqual((await call(`/rest/adAnalytics?${small}`)).body);
  });

  it('answers 405 for a POST that is not a tunneled GET', async () => {
    expect((await call('/rest/adAccounts?q=search', {}, { method: 'POST', body: '' })).status).toBe(405);
  });

  it('answers 400 for a page token from another query', async () => {
    const page = await call(`/rest/adAccounts/${accountId}/adCampaigns?q=search&pageSize=1`);
    const token = page.body.metadata.nextPageToken as string;
    expect(token).toEqual(expect.any(String));
    expect((await call(`/rest/adAccounts/${accountId}/adCampaignGroups?q=search&pageSize=1&pageToken=${token}`)).status).toBe(400);
  });
});
