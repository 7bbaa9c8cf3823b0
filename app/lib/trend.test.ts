import { describe, expect, it } from 'vitest';
import { comparisonTrendPoints, trendPoints } from './trend';

const day = (date: string, spendMicros: number, conversions: number) => ({
  date,
  currency: 'EUR',
  spendMicros,
  impressions: 0,
  clicks: 0,
  conversions,
  conversionValueMicros: 0,
});

describe('trendPoints', () => {
  const days = [day('2026-11-01', 10_000_000, 2), day('2026-11-03', 6_000_000, 0), { ...day('2026-11-02', 5, 1), currency: 'USD' }];
  const range = { from: '2026-11-01', to: '2026-11-03' };

  it('has every date of the range, with zero spend on days without delivery', () => {
    expect(trendPoints(days, range, 'spend', 'EUR')).toEqual([
      { date: '2026-11-01', value: 10_000_000 },
      { date: '2026-11-02', value: 0 },
      { date: '2026-11-03', value: 6_000_000 },
    ]);
  });

  it('leaves cost per conversion out where there is nothing to divide by', () => {
    expect(trendPoints(days, range, 'cpa', 'EUR').map((p) => p.value)).toEqual([5_000_000, null, null]);
    expect(trendPoints(days, range, 'conversions', 'USD').map((p) => p.value)).toEqual([0, 1, 0]);
  });
});

describe('comparisonTrendPoints', () => {
  const range = { from: '2026-11-01', to: '2026-11-03' };
  const comparison = { from: '2026-10-29', to: '2026-10-31' };
  const previous = [day('2026-10-29', 4_000_000, 1), day('2026-10-31', 9_000_000, 3)];

  it('lays the comparison period’s days on the range’s dates, day for day', () => {
    expect(comparisonTrendPoints(previous, range, comparison, 'spend', 'EUR')).toEqual([
      { date: '2026-11-01', value: 4_000_000 },
      { date: '2026-11-02', value: 0 },
      { date: '2026-11-03', value: 9_000_000 },
    ]);
    expect(comparisonTrendPoints(previous, range, comparison, 'cpa', 'EUR').map((p) => p.value)).toEqual([4_000_000, null, 3_000_000]);
  });

  it('has no value past the end of a shorter comparison period', () => {
    const short = { from: '2026-10-30', to: '2026-10-31' };
    expect(comparisonTrendPoints(previous, range, short, 'spend', 'EUR').map((p) => p.value)).toEqual([0, 9_000_000, null]);
  });
});
