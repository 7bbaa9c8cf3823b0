import type { MetricTotals } from '../../db/queries/dashboard';

/*
 * The metrics a dashboard can show or rank by. Derived ones are ratios of the sums over the
 * selection (total spend / total clicks), never averages of daily or per-ad ratios.
 */

export const METRIC_KEYS = [
  'spend',
  'impressions',
  'clicks',
  'conversions',
  'conversion_value',
  'ctr',
  'cpc',
  'cpm',
  'cpa',
  'roas',
  'conversion_rate',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** money: micros of the row's currency; ratio: a fraction shown as a percentage; decimal: a plain number. */
export type MetricUnit = 'money' | 'count' | 'decimal' | 'ratio';

export interface MetricInfo {
  label: string;
  unit: MetricUnit;
  /** Which way is good: a rising CPA is bad news, a rising CTR good. */
  better: 'higher' | 'lower';
}

export const METRICS: Record<MetricKey, MetricInfo> = {
  spend: { label: 'Spend', unit: 'money', better: 'higher' },
  impressions: { label: 'Impressions', unit: 'count', better: 'higher' },
  clicks: { label: 'Clicks', unit: 'count', better: 'higher' },
  conversions: { label: 'Conversions', unit: 'decimal', better: 'higher' },
  conversion_value: { label: 'Conversion value', unit: 'money', better: 'higher' },
  ctr: { label: 'CTR', unit: 'ratio', better: 'higher' },
  cpc: { label: 'CPC', unit: 'money', better: 'lower' },
  cpm: { label: 'CPM', unit: 'money', better: 'lower' },
  cpa: { label: 'Cost per conversion', unit: 'money', better: 'lower' },
  roas: { label: 'ROAS', unit: 'decimal', better: 'higher' },
  conversion_rate: { label: 'Conversion rate', unit: 'ratio', better: 'higher' },
};

const per = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** A metric's value from sums; null when a ratio has nothing to divide by. Money stays in micros. */
export function metricValue(key: MetricKey, t: MetricTotals): number | null {
  switch (key) {
    case 'spend':
      return t.spendMicros;
    case 'impressions':
      return t.impressions;
    case 'clicks':
      return t.clicks;
    case 'conversions':
      return t.conversions;
    case 'conversion_value':
      return t.conversionValueMicros;
    case 'ctr':
      return per(t.clicks, t.impressions);
    case 'cpc':
      return per(t.spendMicros, t.clicks);
    case 'cpm':
      return per(t.spendMicros * 1000, t.impressions);
    case 'cpa':
      return per(t.spendMicros, t.conversions);
    case 'roas':
      return per(t.conversionValueMicros, t.spendMicros);
    case 'conversion_rate':
      return per(t.conversions, t.clicks);
  }
}

/** Relative change from `previous` to `current` (0.25 = +25%); null when there is no base to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
