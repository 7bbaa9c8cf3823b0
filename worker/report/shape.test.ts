import { describe, expect, it } from 'vitest';
import type { AccountLabel, EntityLabel } from '../../db/queries/report';
import { createRateBook } from '../fx/rate-book';
import type { ReportRow } from './aggregate';
import { rankBy, shapeByAccount, shapeByDay, shapeByPlatform, shapeEntities, shapeTotals } from './shape';

const accounts: AccountLabel[] = [
  { id: 'm1', platform: 'meta', name: 'Meta US', currency: 'USD', timeZone: 'America/New_York' },
  { id: 'g1', platform: 'google_ads', name: 'Google DE', currency: 'EUR', timeZone: 'Europe/Berlin' },
];
const row = (adAccountId: string, key: string, date: string, spendMicros: number, clicks = 10): ReportRow => ({
  adAccountId,
  key,
  date,
  currency: adAccountId === 'm1' ? 'USD' : 'EUR',
  spendMicros,
  impressions: 1000,
  clicks,
  conversions: 1,
  conversionValueMicros: 0,
});
const rows = [row('m1', 'c1', '2026-11-02', 2_000_000), row('m1', 'c2', '2026-11-03', 1_000_000), row('g1', 'c9', '2026-11-02', 500_000)];
const original = { kind: 'original' as const };
const reporting = {
  kind: 'reporting' as const,
  currency: 'EUR',
  book: createRateBook([{ date: '2026-11-02', quote: 'USD', rate: '1.25' }]),
};

describe('report shapes', () => {
  it('totals per currency in the original view and one total in the reporting view', () => {
    expect(shapeTotals(rows, original).map((t) => [t.currency, t.spendMicros])).toEqual([
      ['EUR', 500_000],
      ['USD', 3_000_000],
    ]);
    // 3 USD at 1.25 per EUR (the 3rd uses the 2nd's rate) = 2.4 EUR, plus 0.5 EUR.
    expect(shapeTotals(rows, reporting).map((t) => [t.currency, t.spendMicros])).toEqual([['EUR', 2_900_000]]);
  });

  it('splits by day, platform and account', () => {
    expect(shapeByDay(rows, reporting).map((d) => [d.date, d.spendMicros])).toEqual([
      ['2026-11-02', 2_100_000],
      ['2026-11-03', 800_000],
    ]);
    expect(shapeByPlatform(rows, accounts, reporting).map((p) => [p.platform, p.spendMicros])).toEqual([
      ['meta', 2_400_000],
      ['google_ads', 500_000],
    ]);
    expect(shapeByAccount(rows, accounts, original).map((a) => [a.name, a.currency, a.spendMicros])).toEqual([
      ['Meta US', 'USD', 3_000_000],
      ['Google DE', 'EUR', 500_000],
    ]);
  });

  it('gives each entity its name, status and spend per date of the range', () => {
    const labels: EntityLabel[] = [
      {
        id: 'uuid-c1',
        adAccountId: 'm1',
        externalId: 'c1',
        name: 'Winter sale',
        status: 'ACTIVE',
        campaignExternalId: 'c1',
        adGroupExternalId: '',
      },
    ];
    const shaped = shapeEntities(rows, labels, accounts, { from: '2026-11-01', to: '2026-11-03' }, original);
    expect(shaped[0]).toMatchObject({ id: 'uuid-c1', name: 'Winter sale', status: 'ACTIVE', platform: 'meta', spark: [0, 2_000_000, 0] });
    expect(shaped.find((e) => e.externalId === 'c9')).toMatchObject({
      id: null,
      name: 'c9',
      accountName: 'Google DE',
      spark: [0, 500_000, 0],
    });
  });

  it('ranks by a metric, leaving entities without a value last', () => {
    const entities = [
      { name: 'a', spendMicros: 100, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 },
      { name: 'b', spendMicros: 100, impressions: 0, clicks: 10, conversions: 0, conversionValueMicros: 0 },
      { name: 'c', spendMicros: 900, impressions: 0, clicks: 10, conversions: 0, conversionValueMicros: 0 },
    ];
    expect(rankBy(entities, 'cpc', 10).map((e) => e.name)).toEqual(['c', 'b', 'a']);
    expect(rankBy(entities, 'cpc', 2, 'asc').map((e) => e.name)).toEqual(['b', 'c']);
  });
});
