import { describe, expect, it } from 'vitest';
import { isoDateToUtc } from '../format';
import { describeMetric, formatAxis, formatMetric, splitProvisional, toPlotted } from './metric-series';

const plot = (dates: string[]) => dates.map((date, i) => ({ date: isoDateToUtc(date), value: i }));

describe('metric formatting', () => {
  it('formats each kind as the dashboards do', () => {
    expect(formatMetric('money', 1_234_500_000, 'USD')).toBe('$1,234.50');
    expect(formatMetric('money', 1_234_500_000, 'JPY')).toBe('¥1,235');
    expect(formatMetric('count', 12_345)).toBe('12,345');
    expect(formatMetric('decimal', 5.5)).toBe('5.5');
    expect(formatMetric('ratio', 0.0235)).toBe('2.35%');
    expect(formatMetric('ratio', null)).toBe('—');
  });

  it('plots money in major units and labels axes compactly', () => {
    expect(toPlotted('money', 1_500_000)).toBe(1.5);
    expect(toPlotted('count', 7)).toBe(7);
    expect(toPlotted('ratio', Number.NaN)).toBeNull();
    expect(formatAxis('money', 1200, 'USD')).toBe('$1.2K');
    expect(formatAxis('count', 15_000)).toBe('15K');
    expect(formatAxis('ratio', 0.025)).toBe('2.5%');
  });
});

describe('splitting a series at the first provisional date', () => {
  const points = plot(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);

  it('joins the provisional line to the last settled point', () => {
    const { settled, provisional } = splitProvisional(points, '2026-11-03');
    expect(settled.map((p) => p.value)).toEqual([0, 1]);
    expect(provisional.map((p) => p.value)).toEqual([1, 2, 3]);
  });

  it('keeps everything settled without provisional dates, or when they lie after the series', () => {
    expect(splitProvisional(points, undefined).provisional).toEqual([]);
    expect(splitProvisional(points, '2026-12-01').settled).toHaveLength(4);
  });

  it('makes every point provisional when the series starts inside the window', () => {
    const { settled, provisional } = splitProvisional(points, '2026-10-01');
    expect(settled).toEqual([]);
    expect(provisional).toHaveLength(4);
  });
});

describe('the text alternative of a metric chart', () => {
  const points = [
    { date: '2026-11-01', value: 2_000_000 },
    { date: '2026-11-02', value: 500_000 },
    { date: '2026-11-03', value: 7_500_000 },
  ];

  it('gives the dates, the total and the lowest and highest days', () => {
    expect(describeMetric('Spend', points, { kind: 'money', currency: 'USD', additive: true })).toBe(
      'Spend by day, Nov 1 – Nov 3, 2026: total $10.00, lowest $0.50 on Nov 2, highest $7.50 on Nov 3.',
    );
  });

  it('gives the comparison period’s total beside an additive total', () => {
    const comparison = { label: 'Oct 29 – Oct 31, 2026', points: points.map((p, i) => ({ ...p, value: i === 1 ? null : 1_000_000 })) };
    expect(describeMetric('Spend', points, { kind: 'money', currency: 'USD', additive: true, comparison })).toBe(
      'Spend by day, Nov 1 – Nov 3, 2026: total $10.00 against $2.00 in Oct 29 – Oct 31, 2026, lowest $0.50 on Nov 2, highest $7.50 on Nov 3.',
    );
  });

  it('never sums a money ratio such as cost per conversion', () => {
    const comparison = { label: 'Oct 29 – Oct 31, 2026', points };
    expect(describeMetric('Cost per conversion', points, { kind: 'money', currency: 'USD', additive: false, comparison })).toBe(
      'Cost per conversion by day, Nov 1 – Nov 3, 2026: lowest $0.50 on Nov 2, highest $7.50 on Nov 3.',
    );
  });

  it('gives no total for a ratio and says which days are provisional', () => {
    const ctr = [
      { date: '2026-11-01', value: 0.01 },
      { date: '2026-11-02', value: null },
      { date: '2026-11-03', value: 0.03 },
    ];
    expect(describeMetric('CTR', ctr, { kind: 'ratio', provisionalFrom: '2026-11-03', additive: false })).toBe(
      'CTR by day, Nov 1 – Nov 3, 2026: lowest 1.00% on Nov 1, highest 3.00% on Nov 3. Days from Nov 3 are provisional.',
    );
  });

  it('says when there is nothing to show', () => {
    expect(describeMetric('Spend', [], { kind: 'money', currency: 'USD', additive: true })).toBe('Spend by day: no data.');
  });
});
