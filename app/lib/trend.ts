import { type DateWindow, eachDate } from '$worker/lib/dates';
import { type MetricKey, metricValue } from '$worker/report/metrics';
import type { DayTotals } from '$worker/report/shape';
import type { MetricKind, MetricPoint } from './charts/metric-series';

/** The metrics the overview's trend chart switches between. */
export const TREND_METRICS = [
  { key: 'spend', label: 'Spend', kind: 'money' },
  { key: 'conversions', label: 'Conversions', kind: 'decimal' },
  { key: 'cpa', label: 'Cost per conversion', kind: 'money' },
] as const satisfies ReadonlyArray<{ key: MetricKey; label: string; kind: MetricKind }>;
export type TrendMetric = (typeof TREND_METRICS)[number]['key'];

/**
 * One point per date of the range for one currency: days without delivery are 0 for sums and
 * null (not computable) for ratios, so the line neither skips a day nor invents a CPA.
 */
export function trendPoints(days: readonly DayTotals[], range: DateWindow, metric: TrendMetric, currency: string): MetricPoint[] {
  const byDate = new Map(days.filter((d) => d.currency === currency).map((d) => [d.date, d]));
  return eachDate(range).map((date) => {
    const day = byDate.get(date);
    if (!day) return { date, value: metric === 'cpa' ? null : 0 };
    const value = metricValue(metric, day);
    return { date, value };
  });
}
