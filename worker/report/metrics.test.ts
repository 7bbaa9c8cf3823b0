import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, METRICS, metricValue, relativeChange } from './metrics';

const totals = { spendMicros: 50_000_000, impressions: 20_000, clicks: 400, conversions: 8, conversionValueMicros: 200_000_000 };

describe('metricValue', () => {
  it.each([
    ['spend', 50_000_000],
    ['ctr', 0.02],
    ['cpc', 125_000],
    ['cpm', 2_500_000],
    ['cpa', 6_250_000],
    ['roas', 4],
    ['conversion_rate', 0.02],
  ] as const)('%s is computed from the sums (%d)', (key, expected) => {
    expect(metricValue(key, totals)).toBeCloseTo(expected, 9);
  });

  it('is a ratio of sums, not the average of two ratios', () => {
    const a = { ...totals, spendMicros: 10_000_000, clicks: 10 };
    const b = { ...totals, spendMicros: 90_000_000, clicks: 990 };
    const sum = { ...totals, spendMicros: 100_000_000, clicks: 1000 };
    expect(metricValue('cpc', sum)).toBe(100_000);
    expect(((metricValue('cpc', a) ?? 0) + (metricValue('cpc', b) ?? 0)) / 2).not.toBe(100_000);
  });

  it('is null for a ratio with nothing to divide by, for every derived metric', () => {
    const zero = { spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 };
    const derived = METRIC_KEYS.filter((k) => !['spend', 'impressions', 'clicks', 'conversions', 'conversion_value'].includes(k));
    for (const key of derived) expect(metricValue(key, zero)).toBeNull();
    expect(METRICS.cpa.better).toBe('lower');
  });
});

describe('relativeChange', () => {
  it('is the change against the comparison, or null without a base', () => {
    expect(relativeChange(125, 100)).toBe(0.25);
    expect(relativeChange(50, 100)).toBe(-0.5);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 5)).toBeNull();
  });
});
