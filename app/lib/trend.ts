import { type DateWindow, eachDate } from '$worker/lib/dates';
import { type MetricKey, metricValue } from '$worker/report/metrics';
import { alignedDate } from '$worker/report/periods';
import type { DayTotals } from '$worker/report/shape';
import type { MetricKind, MetricPoint } from './charts/metric-series';

/** The metrics the overview's trend chart switches between. */
export const TREND_METRICS = [
  { key: 'spend', label: 'Spend', kind: 'money', additive: true },
  { key: 'conversions', label: 'Conversions', kind: 'decimal', additive: true },
  { key: 'cpa', label: 'Cost per conversion', kind: 'money', additive: false },
] as const satisfies ReadonlyArray<{ key: MetricKey; label: string; kind: MetricKind; additive: boolean }>;
export type TrendMetric = (typeof TREND_METRICS)[number]['key'];

function pointOf(day: DayTotals | undefined, metric: TrendMetric): number | null {
  if (!day) return metric === 'cpa' ? null : 0;
  return metricValue(metric, day);
}

/**
 * One point per date of the range for one currency: days without delivery are 0 for sums and
 * null (not computable) for ratios, so the line neither skips a day nor invents a CPA.
 */
export function trendPoints(days: readonly DayTotals[], range: DateWindow, metric: TrendMetric, currency: string): MetricPoint[] {
  const byDate = new Map(days.filter((d) => d.currency === currency).map((d) => [d.date, d]));
  return eachDate(range).map((date) => ({ date, value: pointOf(byDate.get(date), metric) }));
}

/**
 * The comparison period's days laid on the range's dates (its first day under the range's first
 * day), so both lines share one axis; the values are the comparison period's own.
 */
export function comparisonTrendPoints(
  previous: readonly DayTotals[],
  range: DateWindow,
  comparison: DateWindow,
  metric: TrendMetric,
  currency: string,
): MetricPoint[] {
  const byDate = new Map(previous.filter((d) => d.currency === currency).map((d) => [d.date, d]));
  return eachDate(range).map((date) => {
    const aligned = alignedDate(range, comparison, date);
    return { date, value: aligned <= comparison.to ? pointOf(byDate.get(aligned), metric) : null };
  });
}
