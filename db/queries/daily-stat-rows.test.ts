import { describe, expect, it } from 'vitest';
import { chunk, type DailyStatRow, dedupeDailyStatRows } from './daily-stat-rows';

const row = (adId: string, date: string, clicks: number): DailyStatRow => ({
  campaignId: 'c',
  adGroupId: 'g',
  adId,
  date,
  impressions: 10,
  clicks,
  spendMicros: 1,
  conversions: 0,
  conversionValueMicros: 0,
});

describe('dedupeDailyStatRows', () => {
  it('keeps the last row for each ad and date', () => {
    const rows = [row('a', '2026-01-01', 1), row('b', '2026-01-01', 2), row('a', '2026-01-01', 3), row('a', '2026-01-02', 4)];
    expect(dedupeDailyStatRows(rows).map((r) => r.clicks)).toEqual([3, 2, 4]);
  });
});

describe('chunk', () => {
  it('splits into batches of at most the given size, keeping order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});
