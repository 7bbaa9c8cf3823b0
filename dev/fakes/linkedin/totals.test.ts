/** adAnalytics numbers against the world's ground truth, and levels that add up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../world/dates';
import type { FakeAccount } from '../world/types';
import { decimalToMicros, toUsdMicros } from './money';
import { API_HEADERS, type LinkedInTestServer, signIn, startLinkedInFake } from './test-server';

interface Row {
  pivotValues: string[];
  dateRange: { start: { year: number; month: number; day: number }; end: { year: number; month: number; day: number } };
  impressions: number;
  clicks: number;
  costInLocalCurrency: string;
  costInUsd: string;
  externalWebsiteConversions: number;
  conversionValueInLocalCurrency: string;
}

let server: LinkedInTestServer;
let headers: Record<string, string>;
let account: FakeAccount;
let since: string;
let until: string;

const FIELDS =
  'dateRange,pivotValues,impressions,clicks,costInLocalCurrency,costInUsd,externalWebsiteConversions,conversionValueInLocalCurrency';
const restliDate = (d: string) => `(year:${Number(d.slice(0, 4))},month:${Number(d.slice(5, 7))},day:${Number(d.slice(8, 10))})`;
const isoDate = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

async function report(pivot: string, granularity = 'DAILY'): Promise<Row[]> {
  const url =
    `${server.base}/rest/adAnalytics?q=analytics&pivot=(value:${pivot})&timeGranularity=(value:${granularity})` +
    `&dateRange=(start:${restliDate(since)},end:${restliDate(until)})` +
    `&accounts=List(urn%3Ali%3AsponsoredAccount%3A${account.id})&fields=${FIELDS}`;
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { elements: Row[] }).elements;
}

interface Sum {
  impressions: number;
  clicks: number;
  spendMicros: number;
  conversions: number;
  conversionValueMicros: number;
}
const emptySum = (): Sum => ({ impressions: 0, clicks: 0, spendMicros: 0, conversions: 0, conversionValueMicros: 0 });
const rowSum = (r: Row): Sum => ({
  impressions: r.impressions,
  clicks: r.clicks,
  spendMicros: decimalToMicros(r.costInLocalCurrency),
  conversions: r.externalWebsiteConversions,
  conversionValueMicros: decimalToMicros(r.conversionValueInLocalCurrency),
});
function addInto(target: Sum, s: Sum) {
  for (const key of Object.keys(target) as (keyof Sum)[]) target[key] += s[key];
}
function sumBy<T>(items: T[], keyOf: (item: T) => string, sumOf: (item: T) => Sum): Map<string, Sum> {
  const out = new Map<string, Sum>();
  for (const item of items) {
    const key = keyOf(item);
    if (!out.has(key)) out.set(key, emptySum());
    addInto(out.get(key)!, sumOf(item));
  }
  return out;
}

beforeAll(async () => {
  server = await startLinkedInFake();
  headers = { ...API_HEADERS, Authorization: `Bearer ${(await signIn(server.base, { loginHint: 'demo' })).access_token}` };
  account = server.ctx.world.accounts('linkedin').find((a) => a.currency === 'EUR')!;
  until = server.ctx.world.today(account);
  since = addDays(until, -89);
});
afterAll(() => server.close());

describe('LinkedIn adAnalytics totals', () => {
  it("gives the world's ad-day facts one-to-one at pivot CREATIVE, money exact to the micro", async () => {
    const rows = await report('CREATIVE');
    const truth = server.ctx.world.groundTruth('linkedin', account.id, since, until);
    expect(truth.length).toBeGreaterThan(100);
    const served = sumBy(rows, (r) => `${isoDate(r.dateRange.start)}|${r.pivotValues[0]}`, rowSum);
    const expected = sumBy(
      truth,
      (f) => `${f.date}|urn:li:sponsoredCreative:${f.adId}`,
      (f) => f,
    );
    expect(served).toEqual(expected);
    for (const r of rows) expect(r.dateRange.start).toEqual(r.dateRange.end);
  });

  it("sums the world's ads under each world adGroup at pivot CAMPAIGN", async () => {
    const rows = await report('CAMPAIGN');
    const truth = server.ctx.world.groundTruth('linkedin', account.id, since, until);
    const served = sumBy(rows, (r) => `${isoDate(r.dateRange.start)}|${r.pivotValues[0]}`, rowSum);
    const expected = sumBy(
      truth,
      (f) => `${f.date}|urn:li:sponsoredCampaign:${f.adGroupId}`,
      (f) => f,
    );
    expect(served).toEqual(expected);
  });

  it('makes account rows equal the sum of creative rows, day by day', async () => {
    const [accountRows, creativeRows] = [await report('ACCOUNT'), await report('CREATIVE')];
    const byDay = sumBy(creativeRows, (r) => isoDate(r.dateRange.start), rowSum);
    expect(sumBy(accountRows, (r) => isoDate(r.dateRange.start), rowSum)).toEqual(byDay);
    expect(new Set(accountRows.map((r) => r.pivotValues[0]))).toEqual(new Set([`urn:li:sponsoredAccount:${account.id}`]));
  });

  it('makes campaign-group rows equal the sum of campaign rows', async () => {
    const truth = server.ctx.world.groundTruth('linkedin', account.id, since, until);
    const groups = sumBy(await report('CAMPAIGN_GROUP', 'ALL'), (r) => r.pivotValues[0]!, rowSum);
    expect(groups).toEqual(
      sumBy(
        truth,
        (f) => `urn:li:sponsoredCampaignGroup:${f.campaignId}`,
        (f) => f,
      ),
    );
  });

  it('ALL and MONTHLY periods add up to the daily rows and stay inside the requested range', async () => {
    const daily = sumBy(await report('ACCOUNT'), () => 'all', rowSum).get('all');
    const [all] = await report('ACCOUNT', 'ALL');
    expect(isoDate(all!.dateRange.start)).toBe(since);
    expect(isoDate(all!.dateRange.end)).toBe(until);
    expect(rowSum(all!)).toEqual(daily);
    const monthly = await report('ACCOUNT', 'MONTHLY');
    expect(monthly.length).toBeGreaterThanOrEqual(3);
    expect(isoDate(monthly[0]!.dateRange.start)).toBe(since);
    expect(isoDate(monthly.at(-1)!.dateRange.end)).toBe(until);
    expect(sumBy(monthly, () => 'all', rowSum).get('all')).toEqual(daily);
  });

  it('converts costInUsd from the local cost at the fixed fake rate', async () => {
    for (const row of await report('CAMPAIGN')) {
      expect(decimalToMicros(row.costInUsd)).toBe(toUsdMicros(decimalToMicros(row.costInLocalCurrency), 'EUR'));
    }
  });

  it('serves counts as JSON integers and money as decimal strings, some with a float tail', async () => {
    const rows = await report('CREATIVE');
    for (const row of rows) {
      expect(Number.isInteger(row.impressions) && Number.isInteger(row.clicks) && Number.isInteger(row.externalWebsiteConversions)).toBe(
        true,
      );
      expect(row.costInLocalCurrency).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(rows.some((r) => /\.\d{19}$/.test(r.costInLocalCurrency))).toBe(true);
  });

  it('answers a 90-day creative report for one account in well under a second', async () => {
    const started = performance.now();
    await report('CREATIVE');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
