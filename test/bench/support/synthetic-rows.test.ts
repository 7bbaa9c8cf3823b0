import { describe, expect, it } from 'vitest';
import { restateConversions, syntheticCampaigns, syntheticRows, trailingDays, unitHash } from './synthetic-rows';

const shape = { accountIndex: 3, adsPerAccount: 12, campaignsPerAccount: 4 };
const window = { from: '2026-11-01', to: '2026-11-10' };

describe('syntheticRows', () => {
  it('gives one row per ad and date, each (ad, date) once', () => {
    const rows = syntheticRows(shape, window);
    expect(rows).toHaveLength(12 * 10);
    expect(new Set(rows.map((r) => `${r.adId}|${r.date}`)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.campaignId)).size).toBe(4);
  });

  it('returns identical rows for the same inputs and different ones for another account', () => {
    expect(syntheticRows(shape, window)).toEqual(syntheticRows(shape, window));
    const other = syntheticRows({ ...shape, accountIndex: 4 }, window);
    expect(other[0]!.adId).not.toBe(syntheticRows(shape, window)[0]!.adId);
  });

  it('keeps metrics plausible: clicks within impressions, whole-cent spend, value only with conversions', () => {
    for (const row of syntheticRows(shape, window)) {
      expect(row.clicks).toBeLessThanOrEqual(row.impressions);
      expect(row.spendMicros % 10_000).toBe(0);
      expect(Number.isInteger(row.conversionValueMicros)).toBe(true);
      if (row.conversions === 0) expect(row.conversionValueMicros).toBe(0);
    }
  });
});

describe('syntheticCampaigns', () => {
  it('names exactly the campaigns the rows refer to', () => {
    const fromRows = new Set(syntheticRows(shape, window).map((r) => r.campaignId));
    expect(new Set(syntheticCampaigns(shape).map((c) => c.externalId))).toEqual(fromRows);
  });
});

describe('restateConversions', () => {
  it('changes conversions and value of every row and nothing else', () => {
    const rows = syntheticRows(shape, window);
    const restated = restateConversions(rows);
    restated.forEach((row, i) => {
      expect(row.conversions).toBe(rows[i]!.conversions + 1);
      expect({ ...row, conversions: 0, conversionValueMicros: 0 }).toEqual({ ...rows[i]!, conversions: 0, conversionValueMicros: 0 });
    });
  });
});

describe('trailingDays', () => {
  it('takes the last days of a window, never before its start', () => {
    expect(trailingDays({ from: '2026-09-01', to: '2026-11-28' }, 28)).toEqual({ from: '2026-11-01', to: '2026-11-28' });
    expect(trailingDays({ from: '2026-11-20', to: '2026-11-28' }, 28)).toEqual({ from: '2026-11-20', to: '2026-11-28' });
  });
});

describe('unitHash', () => {
  it('stays in [0, 1) and spreads neighbouring keys', () => {
    const values = Array.from({ length: 1000 }, (_, i) => unitHash(1, i));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
