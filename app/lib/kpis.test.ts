import { describe, expect, it } from 'vitest';
import { buildKpiTiles, type CurrencyTotals, ratio } from './kpis';

const usd: CurrencyTotals = { currency: 'USD', spendMicros: 150_000_000, impressions: 10_000, clicks: 200, conversions: 4 };
const eur: CurrencyTotals = { currency: 'EUR', spendMicros: 90_000_000, impressions: 30_000, clicks: 100, conversions: 0 };

function tile(tiles: ReturnType<typeof buildKpiTiles>, key: string) {
  const found = tiles.find((t) => t.key === key);
  if (!found) throw new Error(`no tile ${key}`);
  return found.values.map((v) => v.text);
}

describe('buildKpiTiles', () => {
  it('shows the seven overview metrics in a fixed order', () => {
    expect(buildKpiTiles([usd], 'USD').map((t) => t.label)).toEqual(['Spend', 'Impressions', 'Clicks', 'CTR', 'CPC', 'Conversions', 'CPA']);
  });

  it('derives CPC and CPA from the summed spend and counts', () => {
    const tiles = buildKpiTiles([usd], 'USD');
    expect(tile(tiles, 'cpc')).toEqual(['$0.75']);
    expect(tile(tiles, 'cpa')).toEqual(['$37.50']);
  });

  it('computes CTR from total clicks over total impressions rather than averaging per-currency rates', () => {
    // Averaging 2% and 0.333% would give 1.17%; the true rate is 300 / 40,000.
    expect(tile(buildKpiTiles([usd, eur], 'USD'), 'ctr')).toEqual(['0.75%']);
  });

  it('never sums money across currencies: one spend figure per currency, largest first', () => {
    const tiles = buildKpiTiles([eur, usd], 'USD');
    expect(tile(tiles, 'spend')).toEqual(['$150.00', '€90.00']);
    expect(tile(tiles, 'impressions')).toEqual(['40,000']);
  });

  it('shows a dash for CPA in a currency without conversions', () => {
    expect(tile(buildKpiTiles([usd, eur], 'USD'), 'cpa')).toEqual(['$37.50', '—']);
  });

  it('shows zero spend in the reporting currency and dashes for ratios when there is no data', () => {
    const tiles = buildKpiTiles([], 'EUR');
    expect(tile(tiles, 'spend')).toEqual(['€0.00']);
    expect(tile(tiles, 'ctr')).toEqual(['—']);
    expect(tile(tiles, 'cpc')).toEqual(['—']);
  });
});

describe('ratio', () => {
  it('is null when the denominator is zero', () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});

describe('buildKpiTiles against a comparison period', () => {
  const before: CurrencyTotals = { currency: 'USD', spendMicros: 120_000_000, impressions: 10_000, clicks: 250, conversions: 5 };

  it('gives each figure its change and says whether that is good news', () => {
    const tiles = buildKpiTiles([usd], 'USD', [before]);
    const change = (key: string) => tiles.find((t) => t.key === key)!.values[0]!.change;
    expect(change('spend')).toMatchObject({ text: '+25%', direction: 'up', good: true });
    expect(change('clicks')).toMatchObject({ text: '−20%', direction: 'down', good: false });
    // CPA 37.50 against 24.00: up 56.3%, which is bad news.
    expect(change('cpa')).toMatchObject({ text: '+56.3%', direction: 'up', good: false });
    expect(change('impressions')).toMatchObject({ text: '±0%', direction: 'flat', good: null });
    expect(change('spend')?.description).toBe('up 25% from $120.00 in the comparison period');
  });

  it('shows no change without a comparison or without a base', () => {
    expect(buildKpiTiles([usd], 'USD').every((t) => t.values.every((v) => v.change === undefined))).toBe(true);
    const zeroBase = buildKpiTiles([usd], 'USD', [{ ...before, conversions: 0 }]);
    expect(zeroBase.find((t) => t.key === 'cpa')!.values[0]!.change).toBeUndefined();
  });
});
