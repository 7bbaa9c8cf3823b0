import { unflatten } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDaily, adAccounts, campaignDaily, campaigns, connections, syncRuns } from '../../db/schema';
import { call, createTenantWithData, signInCookie, superDb, type TestTenant, unique } from './support';

/*
 * The API and the pages are two transports over the same read models (worker/read-models/). These
 * tests ask both for the same tenant and range and compare what they answer. The page's data is
 * what SvelteKit sends a browser on client-side navigation: GET <page>/__data.json, one node per
 * layout and page, each node's data serialized with devalue (decoded here with devalue itself).
 */

const arranged = superDb();
let tenant: TestTenant;
let cookie: string;

type PageNode = { type: 'data'; data: unknown[] } | { type: 'skip' } | { type: 'error'; error: unknown };

/** The page's own load data (the last node; the layouts come before it), decoded as the browser would. */
async function pageData(path: string): Promise<Record<string, unknown>> {
  const url = new URL(path, 'http://tidemark.test');
  url.pathname = `${url.pathname.replace(/\/$/, '')}/__data.json`;
  const res = await call(`${url.pathname}${url.search}`, { headers: { cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { type: string; nodes: PageNode[] };
  expect(body.type).toBe('data');
  const node = body.nodes.at(-1)!;
  if (node.type !== 'data') throw new Error(`the page node is ${JSON.stringify(node)}`);
  return unflatten(node.data) as Record<string, unknown>;
}

async function apiJson(path: string): Promise<{ cache: string | null; body: Record<string, unknown> }> {
  const res = await call(path, { headers: { cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  return { cache: res.headers.get('x-tidemark-cache'), body: (await res.json()) as Record<string, unknown> };
}

/** What the data looks like after JSON: Dates become ISO strings, exactly as the API sends them. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

beforeAll(async () => {
  // The factory's Meta account (USD, connection needing re-auth) with two days of account totals…
  tenant = await createTenantWithData(arranged.db, [
    { date: '2026-10-01', spendMicros: 12_340_000, impressions: 1000, clicks: 50, conversions: 5 },
    { date: '2026-10-02', spendMicros: 7_660_000, impressions: 3000, clicks: 150, conversions: 0 },
  ]);
  const { db } = arranged;
  await db.insert(campaignDaily).values([
    { ...rollup(tenant.adAccountId, 'USD', '2026-10-01', 12_340_000), campaignId: 'spring' },
    { ...rollup(tenant.adAccountId, 'USD', '2026-10-02', 7_660_000), campaignId: 'autumn' },
  ]);
  await db
    .insert(campaigns)
    .values({ tenantId: tenant.tenantId, adAccountId: tenant.adAccountId, externalId: 'spring', name: 'Spring sale', status: 'ACTIVE' });
  // …and a LinkedIn account billing in EUR whose grant ends in ten and a half days (an "expiring" card).
  const [grant] = await db
    .insert(connections)
    .values({
      tenantId: tenant.tenantId,
      platform: 'linkedin',
      externalUserId: unique('member'),
      accessTokenEnc: 'v1.test.test',
      refreshTokenEnc: 'v1.test.refresh',
      refreshExpiresAt: new Date(Date.now() + 10.5 * 86_400_000),
    })
    .returning();
  const [eur] = await db
    .insert(adAccounts)
    .values({
      tenantId: tenant.tenantId,
      connectionId: grant!.id,
      platform: 'linkedin',
      externalId: unique('li'),
      name: 'Berlin account',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
    })
    .returning();
  await db.insert(accountDaily).values({ ...rollup(eur!.id, 'EUR', '2026-10-02', 5_000_000) });
  await db.insert(campaignDaily).values({ ...rollup(eur!.id, 'EUR', '2026-10-02', 5_000_000), campaignId: 'urn:li:sponsoredCampaign:7' });
  // Its latest sync was refused for good: the card carries a failing sync state (with a timestamp).
  await db.insert(syncRuns).values({
    tenantId: tenant.tenantId,
    adAccountId: eur!.id,
    lane: 'hot',
    windowFrom: '2026-10-02',
    windowTo: '2026-10-02',
    finishedAt: new Date(),
    outcome: 'permanent',
    error: 'linkedin analytics: 403 account is not active',
  });
  cookie = await signInCookie(tenant.email, tenant.password, '198.51.100.71');

  function rollup(adAccountId: string, currency: string, date: string, spendMicros: number) {
    return {
      tenantId: tenant.tenantId,
      adAccountId,
      currency,
      date,
      impressions: Math.round(spendMicros / 10_000),
      clicks: Math.round(spendMicros / 100_000),
      spendMicros,
      conversions: 1.5,
      conversionValueMicros: 2 * spendMicros,
    };
  }
});
afterAll(() => arranged.close());

describe('one read model behind the API and the pages', () => {
  it('gives the overview page the report API’s widgets, from the same cache entries', async () => {
    const view = 'from=2026-10-01&to=2026-10-31&currency=original';
    // The page goes first: its load fills the cache, and the API then answers from those very entries.
    const page = await pageData(`/t/${tenant.slug}?${view}`);
    const query = `${view}&compare=previous`;
    const widgets = ['totals', 'by-day', 'by-platform', 'by-account', 'campaigns'] as const;
    const api = await Promise.all(widgets.map((w) => apiJson(`/api/tenants/${tenant.slug}/report/${w}?${query}`)));
    expect(api.map((a) => a.cache)).toEqual(widgets.map(() => 'hit'));
    const [totals, byDay, byPlatform, byAccount, campaigns] = api.map((a) => a.body);
    expect(page.totals).toEqual(totals);
    expect(page.byDay).toEqual(byDay);
    expect(page.byPlatform).toEqual(byPlatform);
    expect(page.byAccount).toEqual(byAccount);
    expect((page.campaigns as { current: unknown }).current).toEqual(campaigns!.current);
    // Not vacuous: both currencies, three account-days, all three campaigns.
    expect((totals!.current as Array<{ currency: string }>).map((k) => k.currency)).toEqual(['EUR', 'USD']);
    expect(byDay!.current).toHaveLength(3);
    expect((campaigns!.current as Array<{ name: string }>).map((c) => c.name)).toEqual([
      'Spring sale',
      'autumn',
      'urn:li:sponsoredCampaign:7',
    ]);
  });

  it('answers the first endpoints from the same engine: the API first, then the page, with the same numbers', async () => {
    const query = 'from=2026-10-02&to=2026-10-02';
    const overview = await apiJson(`/api/tenants/${tenant.slug}/overview?${query}`);
    const spendByDay = await apiJson(`/api/tenants/${tenant.slug}/spend-by-day?${query}`);
    const campaignList = await apiJson(`/api/tenants/${tenant.slug}/campaigns?${query}`);
    expect([overview.cache, spendByDay.cache, campaignList.cache]).toEqual(['miss', 'miss', 'miss']);
    const page = await pageData(`/t/${tenant.slug}?${query}&compare=none&currency=original`);
    expect((page.totals as { current: unknown }).current).toEqual(overview.body.kpis);
    expect((page.byDay as { current: unknown }).current).toEqual(spendByDay.body.days);
    const names = (page.campaigns as { current: Array<{ name: string; spendMicros: number }> }).current.map((c) => [c.name, c.spendMicros]);
    expect(names).toEqual(
      (campaignList.body.campaigns as Array<{ campaignName: string; spendMicros: number }>).map((c) => [c.campaignName, c.spendMicros]),
    );
    expect(spendByDay.body.days).toHaveLength(2);
  });

  it('shows on the Connections page exactly the ad-account cards the API returns', async () => {
    const page = await pageData(`/t/${tenant.slug}/connections`);
    const api = await apiJson(`/api/tenants/${tenant.slug}/ad-accounts`);
    expect(asJson(page.accounts)).toEqual(api.body.adAccounts);
    const health = (api.body.adAccounts as Array<{ name: string; connectionHealth: { state: string }; syncState: { state: string } }>).map(
      (a) => [a.name, a.connectionHealth.state, a.syncState.state],
    );
    // Ordered by platform (the enum's order: meta before linkedin), then name.
    expect(health).toEqual([
      ['Test account', 'needs_reauth', 'ok'],
      ['Berlin account', 'expiring', 'failing'],
    ]);
  });
});
