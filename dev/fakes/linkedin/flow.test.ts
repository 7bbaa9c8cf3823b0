/**
 * A full sync written the way a real client would do it, knowing only the base URL: OAuth,
 * accounts, entities with cursor paging, then campaign-batched daily analytics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LinkedInTestServer, startLinkedInFake } from './test-server';

let server: LinkedInTestServer;
beforeAll(async () => {
  server = await startLinkedInFake();
});
afterAll(() => server.close());

const REDIRECT = 'http://localhost:5173/api/oauth/linkedin/callback';

async function authorize(base: string): Promise<string> {
  const dialog = `${base}/oauth/v2/authorization?response_type=code&client_id=tidemark-dev&redirect_uri=${encodeURIComponent(REDIRECT)}&state=abc&scope=r_ads%20r_ads_reporting`;
  const redirect = new URL((await fetch(dialog, { redirect: 'manual' })).headers.get('location')!);
  expect(redirect.searchParams.get('state')).toBe('abc');
  const res = await fetch(`${base}/oauth/v2/accessToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      client_id: 'tidemark-dev',
      client_secret: 'tidemark-dev-secret',
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

function client(base: string, token: string) {
  const headers = { Authorization: `Bearer ${token}`, 'Linkedin-Version': '202610', 'X-Restli-Protocol-Version': '2.0.0' };
  async function get<T>(path: string, extra: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${base}/rest${path}`, { headers: { ...headers, ...extra } });
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  /** Follows metadata.nextPageToken until it is absent. */
  async function all<T>(path: string, extra: Record<string, string> = {}): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await get<{ elements: T[]; metadata: { nextPageToken?: string } }>(
        `${path}${token ? `&pageToken=${token}` : ''}`,
        extra,
      );
      items.push(...page.elements);
      token = page.metadata.nextPageToken;
      pages++;
    } while (token);
    return { items, pages };
  }
  return { get, all };
}

describe('a LinkedIn sync written like a real client', () => {
  it('authorizes, lists accounts and entities page by page, and pulls daily analytics per campaign batch', async () => {
    const api = client(server.base, await authorize(server.base));

    const accounts = await api.all<{ id: number; currency: string }>('/adAccounts?q=search&pageSize=1');
    expect(accounts.pages).toBe(accounts.items.length);
    expect(accounts.items.length).toBeGreaterThan(0);

    for (const account of accounts.items) {
      const groups = await api.all<{ id: number }>(`/adAccounts/${account.id}/adCampaignGroups?q=search&pageSize=2`);
      const statuses = 'List(ACTIVE,PAUSED,ARCHIVED,COMPLETED,CANCELED,DRAFT,PENDING_DELETION,REMOVED)';
      const campaigns = await api.all<{ id: number; campaignGroup: string }>(
        `/adAccounts/${account.id}/adCampaigns?q=search&search=(status:(values:${statuses}))&pageSize=2`,
      );
      const creatives = await api.all<{ id: string; campaign: string }>(`/adAccounts/${account.id}/creatives?q=criteria&pageSize=3`, {
        'X-RestLi-Method': 'FINDER',
      });
      expect(campaigns.pages).toBeGreaterThan(1);
      const groupUrns = new Set(groups.items.map((g) => `urn:li:sponsoredCampaignGroup:${g.id}`));
      for (const c of campaigns.items) expect(groupUrns.has(c.campaignGroup)).toBe(true);
      const campaignUrns = new Set(campaigns.items.map((c) => `urn:li:sponsoredCampaign:${c.id}`));
      for (const cr of creatives.items) expect(campaignUrns.has(cr.campaign)).toBe(true);

      // Campaign URNs are batched into the `campaigns` facet, a few per request, as Airbyte does.
      const ids = campaigns.items.map((c) => c.id);
      const served = new Set<string>();
      let rows = 0;
      for (let i = 0; i < ids.length; i += 3) {
        const facet = ids
          .slice(i, i + 3)
          .map((id) => `urn%3Ali%3AsponsoredCampaign%3A${id}`)
          .join(',');
        const report = await api.get<{ elements: { pivotValues: string[]; impressions: number }[]; paging: object }>(
          `/adAnalytics?q=analytics&pivot=(value:CREATIVE)&timeGranularity=(value:DAILY)` +
            `&dateRange=(start:(year:2026,month:10,day:1),end:(year:2026,month:11,day:29))&campaigns=List(${facet})` +
            '&fields=impressions,clicks,costInLocalCurrency,externalWebsiteConversions,dateRange,pivotValues',
        );
        expect(report.paging).toEqual({ start: 0, count: 10, links: [] });
        rows += report.elements.length;
        for (const e of report.elements) served.add(e.pivotValues[0]!);
      }
      expect(rows).toBeGreaterThan(0);
      const creativeUrns = new Set(creatives.items.map((c) => c.id));
      for (const urn of served) expect(creativeUrns.has(urn)).toBe(true);
    }
    expect(server.ctx.calls.list({ service: 'linkedin' }).every((c) => c.status < 400)).toBe(true);
  });
});
