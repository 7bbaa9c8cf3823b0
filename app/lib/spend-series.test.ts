import { describe, expect, it } from 'vitest';
import { mapSpendSeries } from './spend-series';

describe('mapSpendSeries', () => {
  it('fills days without delivery with zero so every date of the range is plotted', () => {
    const [series] = mapSpendSeries([{ date: '2026-11-02', currency: 'USD', spendMicros: 2_500_000 }], {
      from: '2026-11-01',
      to: '2026-11-03',
    });
    expect(series?.points.map((p) => [p.date.toISOString().slice(0, 10), p.spend])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 2.5],
      ['2026-11-03', 0],
    ]);
  });

  it('adds rows of the same day and currency and keeps currencies apart', () => {
    const series = mapSpendSeries(
      [
        { date: '2026-11-01', currency: 'EUR', spendMicros: 1_000_000 },
        { date: '2026-11-01', currency: 'USD', spendMicros: 3_000_000 },
        { date: '2026-11-01', currency: 'USD', spendMicros: 4_000_000 },
      ],
      { from: '2026-11-01', to: '2026-11-01' },
    );
    expect(series.map((s) => [s.currency, s.points[0]?.spend])).toEqual([
      ['USD', 7],
      ['EUR', 1],
    ]);
  });
});
