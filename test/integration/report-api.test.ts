import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, withTenant } from '../../db/database';
import { upsertFxRates } from '../../db/queries/fx';
import { bumpDataVersion } from '../../db/queries/ingest';
import { adGroups, ads, campaigns, tenants } from '../../db/schema';
import { createTestAdAccount, insertTestStats, makeTestStatRows } from '../../db/testing/factories';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, type TestTenant } from './support';

/*
 * The report widgets against the facts they summarise: every figure is recomputed here from
 * ad_stats_daily (SQL sums, and per-fact conversion at each date's rate with exact fractions), for
 * the range, the comparison period, each filter and both currency views.
 */

const arranged = superDb();
let tenant: TestTenant;
let cookie: string;
const accounts: Record<'usd' | 'eur' | 'jpy', string> = { usd: '', eur: '', jpy: '' };
let springCampaignId: string;

const FROM = '2025-03-03';
const TO = '2025-03-16';
// 1 EUR in USD and JPY on the business days of the range and the weeks before (none on weekends; no JPY from 03-10 on).
const RATES = (() => {
  const rates: Array<{ date: string; quote: string; rate: string }> = [];
  for (let day = 24; day <= 47; day += 1) {
    const date = new Date(Date.UTC(2025, 1, day)).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    rates.push({ date, quote: 'USD', rate: (1.0801 + day / 10_000).toFixed(4) });
    if (date < '2025-03-10') rates.push({ date, quote: 'JPY', rate: (160.11 + day / 100).toFixed(2) });
  }
  return rates;
})();

beforeAll(async () => {
  const { db } = arranged;
  tenant = await createTenantWithData(arranged.db, []);
  await db.update(tenants).set({ reportingCurrency: 'EUR' }).where(sql`${tenants.id} = ${tenant.tenantId}`);
  accounts.usd = tenant.adAccountId;
  accounts.eur = (await createTestAdAccount(db, tenant.tenantId, { platform: 'google_ads', currency: 'EUR', name: 'Suche DE' })).id;
  accounts.jpy = (await createTestAdAccount(db, tenant.tenantId, { platform: 'linkedin', currency: 'JPY', name: 'Tokyo B2B' })).id;
  // Four weeks of facts per account (the range and the previous period), three ads over two campaigns.
  await insertTestStats(db, tenant.tenantId, accounts.usd, makeTestStatRows({ from: '2025-02-17', days: 28, ads: 3 }));
  await insertTestStats(db, tenant.tenantId, accounts.eur, makeTestStatRows({ from: '2025-02-17', days: 28, ads: 4, scale: 2 }));
  await insertTestStats(db, tenant.tenantId, accounts.jpy, makeTestStatRows({ from: '2025-02-17', days: 28, ads: 2, scale: 150 }));
  const [spring] = await db
    .insert(campaigns)
    .values({ tenantId: tenant.tenantId, adAccountId: accounts.usd, externalId: 'c0', name: 'Spring sale', status: 'ACTIVE' })
    .returning();
  springCampaignId = spring!.id;
  await db.insert(adGroups).values({
    tenantId: tenant.tenantId,
    adAccountId: accounts.usd,
    externalId: 'g0',
    campaignExternalId: 'c0',
    name: 'Lookalikes',
    status: 'ACTIVE',
  });
  await db.insert(ads).values([
    {
      tenantId: tenant.tenantId,
      adAccountId: accounts.usd,
      externalId: 'ad0',
      campaignExternalId: 'c0',
      adGroupExternalId: 'g0',
      name: 'Blue jacket',
      status: 'ACTIVE',
    },
    {
      tenantId: tenant.tenantId,
      adAccountId: accounts.usd,
      externalId: 'ad2',
      campaignExternalId: 'c0',
      adGroupExternalId: 'g0',
      name: 'Red scarf',
      status: 'PAUSED',
    },
  ]);
  await upsertFxRates(db, 'EUR', RATES);
  cookie = await signInCookie(tenant.email, tenant.password, '198.51.100.91');
}, 120_000);
afterAll(() => closeWhenIdle(arranged));

async function report(widget: string, query: string): Promise<{ status: number; cache: string | null; body: any }> {
  const res = await call(`/api/tenants/${tenant.slug}/report/${widget}?${query}`, { headers: { cookie } });
  return { status: res.status, cache: res.headers.get('x-tidemark-cache'), body: await res.json() };
}

interface FactSums {
  currency: string;
  spend: number;
  impressions: number;
  clicks: number;
}

/** Sums straight from the fact table, per currency. */
async function factSums(from: string, to: string, where = sql`true`): Promise<FactSums[]> {
  return rowsOf<FactSums>(
    await arranged.db.execute(sql`
      select a.currency, sum(f.spend_micros)::float8 as spend, sum(f.impressions)::float8 as impressions, sum(f.clicks)::float8 as clicks
      from ad_stats_daily f join ad_accounts a on a.id = f.ad_account_id
      where f.tenant_id = ${tenant.tenantId} and f.date between ${from} and ${to} and ${where}
      group by a.currency order by a.currency`),
  );
}

/** Every fact converted to EUR at its own date's rate (previous business day on weekends), as an exact fraction; rounded once. */
async function convertedFactSpend(from: string, to: string): Promise<{ micros: number; missingJpyDates: string[] }> {
  const facts = rowsOf<{ date: string; currency: string; spend: string }>(
    await arranged.db.execute(sql`
      select f.date::text as date, a.currency, f.spend_micros::text as spend
      from ad_stats_daily f join ad_accounts a on a.id = f.ad_account_id
      where f.tenant_id = ${tenant.tenantId} and f.date between ${from} and ${to}`),
  );
  const rateOn = (quote: string, date: string) => {
    for (let back = 0; back <= 4; back += 1) {
      const day = new Date(Date.parse(`${date}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
      const found = RATES.find((r) => r.quote === quote && r.date === day);
      if (found) return found.rate;
    }
    return null;
  };
  let num = 0n;
  let den = 1n;
  const missing = new Set<string>();
  for (const fact of facts) {
    if (fact.currency === 'EUR') {
      num += BigInt(fact.spend) * den;
      continue;
    }
    const rate = rateOn(fact.currency, fact.date);
    if (!rate) {
      missing.add(fact.date);
      continue;
    }
    const [whole, fraction = ''] = rate.split('.');
    const rateUnits = BigInt(`${whole}${fraction}`);
    const scale = 10n ** BigInt(fraction.length);
    // spend / (rateUnits / scale) = spend × scale / rateUnits
    num = num * rateUnits + BigInt(fact.spend) * scale * den;
    den *= rateUnits;
  }
  const rounded = (2n * num + den) / (2n * den);
  return { micros: Number(rounded), missingJpyDates: [...missing].sort() };
}

const range = `from=${FROM}&to=${TO}`;

describe('report totals', () => {
  it('equal the facts per currency in the original view, with the previous period beside them', async () => {
    const { status, body } = await report('totals', `${range}&compare=previous`);
    expect(status).toBe(200);
    const expected = await factSums(FROM, TO);
    expect(body.current.map((t: any) => [t.currency, t.spendMicros, t.impressions, t.clicks])).toEqual(
      expected.map((e) => [e.currency, e.spend, e.impressions, e.clicks]),
    );
    expect(body.comparison).toEqual({ from: '2025-02-17', to: '2025-03-02' });
    const previous = await factSums('2025-02-17', '2025-03-02');
    expect(body.previous.map((t: any) => [t.currency, t.spendMicros])).toEqual(previous.map((e) => [e.currency, e.spend]));
    expect(body.conversion).toBeNull();
  });

  it('in the reporting currency equal every fact converted at its own date’s rate, and name the days without a rate', async () => {
    const { body } = await report('totals', `${range}&currency=reporting`);
    const expected = await convertedFactSpend(FROM, TO);
    expect(body.current).toHaveLength(1);
    expect(body.current[0].currency).toBe('EUR');
    expect(body.current[0].spendMicros).toBe(expected.micros);
    // 03-10 and 03-11 still use the rate of up to 4 days before; from 03-12 on there is none: left out, and said so.
    expect(expected.missingJpyDates).toEqual(['2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15', '2025-03-16']);
    expect(body.conversion.missing).toEqual([{ currency: 'JPY', days: 5, dates: expected.missingJpyDates }]);
    expect(body.conversion.source).toMatch(/ECB/);
    expect(body.conversion.rates.find((r: any) => r.date === '2025-03-08' && r.currency === 'USD').rateDate).toBe('2025-03-07');
  });

  it('add up across the split by day, by platform and by account', async () => {
    const query = `${range}&currency=reporting`;
    const total = (await report('totals', query)).body.current[0].spendMicros;
    const sum = (rows: any[]) => rows.reduce((s, r) => s + r.spendMicros, 0);
    const byPlatform = (await report('by-platform', query)).body.current;
    expect(byPlatform.map((p: any) => p.platform).sort()).toEqual(['google_ads', 'linkedin', 'meta']);
    // Each split rounds its own cells once: they may differ from the total by at most one micro per cell.
    expect(Math.abs(sum(byPlatform) - total)).toBeLessThanOrEqual(byPlatform.length);
    const byAccount = (await report('by-account', query)).body.current;
    expect(byAccount.map((a: any) => a.name).sort()).toEqual(['Suche DE', 'Test account', 'Tokyo B2B']);
    const byDay = (await report('by-day', query)).body.current;
    expect(byDay).toHaveLength(14);
    expect(Math.abs(sum(byDay) - total)).toBeLessThanOrEqual(byDay.length);
  });
});

describe('report filters', () => {
  it('narrow to a platform, an ad account and a campaign', async () => {
    const meta = (await report('totals', `${range}&platform=meta`)).body.current;
    const metaFacts = await factSums(FROM, TO, sql`a.platform = 'meta'`);
    expect(meta.map((t: any) => [t.currency, t.spendMicros])).toEqual(metaFacts.map((e) => [e.currency, e.spend]));

    const two = (await report('totals', `${range}&account=${accounts.eur}&account=${accounts.jpy}`)).body.current;
    expect(two.map((t: any) => t.currency)).toEqual(['EUR', 'JPY']);

    const spring = (await report('totals', `${range}&campaign=${springCampaignId}`)).body.current;
    const springFacts = await factSums(FROM, TO, sql`f.ad_account_id = ${accounts.usd} and f.campaign_id = 'c0'`);
    expect(spring.map((t: any) => [t.currency, t.spendMicros, t.clicks])).toEqual(springFacts.map((e) => [e.currency, e.spend, e.clicks]));
  });

  it('answer nothing for a filter that matches nothing of this tenant', async () => {
    const { status, body } = await report('totals', `${range}&account=00000000-0000-4000-8000-000000000000`);
    expect(status).toBe(200);
    expect(body.current).toEqual([]);
  });
});

describe('report entities', () => {
  it('list campaigns with names, statuses and a daily spend line that sums to their spend', async () => {
    const { body } = await report('campaigns', `${range}&account=${accounts.usd}`);
    const spring = body.current.find((c: any) => c.externalId === 'c0');
    expect(spring).toMatchObject({
      id: springCampaignId,
      name: 'Spring sale',
      status: 'ACTIVE',
      platform: 'meta',
      accountName: 'Test account',
    });
    expect(spring.spark).toHaveLength(14);
    expect(spring.spark.reduce((a: number, b: number) => a + b, 0)).toBe(spring.spendMicros);
    const unnamed = body.current.find((c: any) => c.externalId === 'c1');
    expect(unnamed).toMatchObject({ id: null, name: 'c1', status: null });
  });

  it('list a campaign’s ad groups and ads from the facts, with the campaign’s name', async () => {
    const groups = (await report('ad-groups', `${range}&campaign=${springCampaignId}`)).body.current;
    expect(groups.map((g: any) => [g.name, g.campaignName])).toEqual([['Lookalikes', 'Spring sale']]);
    const ads = (await report('ads', `${range}&campaign=${springCampaignId}`)).body.current;
    expect(ads.map((a: any) => [a.name, a.status, a.adGroupName])).toEqual([
      ['Red scarf', 'PAUSED', 'Lookalikes'],
      ['Blue jacket', 'ACTIVE', 'Lookalikes'],
    ]);
  });

  it('rank the top ads by any metric, either way, computed from sums', async () => {
    const { body } = await report('ads', `${range}&metric=cpc&order=asc&limit=3&compare=previous`);
    expect(body.current).toHaveLength(3);
    const cpcs = body.current.map((a: any) => a.spendMicros / a.clicks);
    expect([...cpcs].sort((a, b) => a - b)).toEqual(cpcs);
    expect(
      body.previous.every((p: any) => body.current.some((c: any) => c.externalId === p.externalId && c.adAccountId === p.adAccountId)),
    ).toBe(true);
  });
});

describe('report cache and input', () => {
  it('answers a repeated question from the cache until the data version moves', async () => {
    const query = `${range}&compare=last-year&platform=google_ads`;
    expect((await report('by-day', query)).cache).toBe('miss');
    expect((await report('by-day', query)).cache).toBe('hit');
    await withTenant(arranged.db, tenant.tenantId, (tx) => bumpDataVersion(tx));
    expect((await report('by-day', query)).cache).toBe('miss');
  });

  it.each([
    ['from=2025-03-10&to=2025-03-01', 'from'],
    [`${range}&compare=yesterday`, 'compare'],
    [`${range}&platform=tiktok`, 'platform.0'],
    [`${range}&campaign=not-a-uuid`, 'campaign.0'],
    [`${range}&currency=usd`, 'currency'],
    [`${range}&from=2025-03-04`, 'from'],
    [`${range}&metric=likes`, 'metric'],
    [`${range}&limit=0`, 'limit'],
  ])('refuses %s with a problem naming %s', async (query, field) => {
    const widget = query.includes('metric') || query.includes('limit') ? 'ads' : 'totals';
    const { status, body } = await report(widget, query);
    expect(status).toBe(400);
    expect(body.type).toMatch(/validation/);
    expect(body.issues.map((i: any) => i.field)).toContain(field);
  });
});
