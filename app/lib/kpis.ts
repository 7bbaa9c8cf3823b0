import { METRICS, relativeChange } from '$worker/report/metrics';
import { formatCount, formatDecimalCount, formatMoney, formatPercent } from './format';

/** Sums for one currency over a date range (what the overview query returns per currency). */
export interface CurrencyTotals {
  currency: string;
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
}

/** The change of a figure against the comparison period, and whether that is good news. */
export interface KpiChange {
  /** "+12.5%", "−3.1%", "±0%". */
  text: string;
  direction: 'up' | 'down' | 'flat';
  /** True when the move is in the metric's good direction (CPA down, clicks up); null when flat. */
  good: boolean | null;
  /** For screen readers and tooltips: "up 12.5% from 1,200 in the previous period". */
  description: string;
}

export interface KpiTile {
  key: 'spend' | 'impressions' | 'clicks' | 'ctr' | 'cpc' | 'conversions' | 'cpa';
  label: string;
  /** One entry per currency for money-based metrics, otherwise exactly one; `change` only with a comparison period that has a base. */
  values: Array<{ text: string; currency?: string; change?: KpiChange }>;
}

/** numerator / denominator, or null when the denominator is 0 (shown as "—", never as 0 or ∞). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * The overview tiles. Derived metrics are computed from the summed parts (CTR = Σclicks / Σimpressions),
 * never by averaging daily or per-account ratios. Money is never summed across currencies: spend,
 * CPC and CPA get one figure per currency. Counts add up across currencies.
 */
export function buildKpiTiles(totals: CurrencyTotals[], reportingCurrency: string, previous: CurrencyTotals[] | null = null): KpiTile[] {
  const present = totals.length > 0 ? totals : [emptyTotals(reportingCurrency)];
  const byCurrency = [...present].sort((a, b) => b.spendMicros - a.spendMicros || a.currency.localeCompare(b.currency));
  const counts = (rows: CurrencyTotals[]) => ({
    impressions: sum(rows, (t) => t.impressions),
    clicks: sum(rows, (t) => t.clicks),
    conversions: sum(rows, (t) => t.conversions),
  });
  const now = counts(totals);
  const before = previous ? counts(previous) : null;
  const previousIn = (currency: string) => previous?.find((t) => t.currency === currency) ?? null;
  const perCurrency = (key: KpiTile['key'], money: (t: CurrencyTotals) => number | null) =>
    byCurrency.map((t) => {
      const base = previous ? money(previousIn(t.currency) ?? emptyTotals(t.currency)) : null;
      return {
        text: formatMoney(money(t), t.currency),
        currency: t.currency,
        ...changeOf(key, money(t), base, (v) => formatMoney(v, t.currency)),
      };
    });
  const single = (key: KpiTile['key'], value: (c: typeof now) => number | null, format: (v: number | null) => string) => [
    { text: format(value(now)), ...changeOf(key, value(now), before ? value(before) : null, format) },
  ];
  return [
    { key: 'spend', label: 'Spend', values: perCurrency('spend', (t) => t.spendMicros) },
    { key: 'impressions', label: 'Impressions', values: single('impressions', (c) => c.impressions, formatCount) },
    { key: 'clicks', label: 'Clicks', values: single('clicks', (c) => c.clicks, formatCount) },
    { key: 'ctr', label: 'CTR', values: single('ctr', (c) => ratio(c.clicks, c.impressions), formatPercent) },
    { key: 'cpc', label: 'CPC', values: perCurrency('cpc', (t) => ratio(t.spendMicros, t.clicks)) },
    { key: 'conversions', label: 'Conversions', values: single('conversions', (c) => c.conversions, formatDecimalCount) },
    { key: 'cpa', label: 'CPA', values: perCurrency('cpa', (t) => ratio(t.spendMicros, t.conversions)) },
  ];
}

const CHANGE_FORMAT = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** `{ change }` against the comparison period's value, or nothing when there is no base to compare with. */
function changeOf(
  key: KpiTile['key'],
  current: number | null,
  base: number | null,
  format: (value: number | null) => string,
): { change?: KpiChange } {
  const relative = relativeChange(current, base);
  if (relative === null) return {};
  const direction = relative > 0.0005 ? 'up' : relative < -0.0005 ? 'down' : 'flat';
  const better = METRICS[key].better;
  const good = direction === 'flat' ? null : (direction === 'up') === (better === 'higher');
  const text = direction === 'flat' ? '±0%' : CHANGE_FORMAT.format(relative).replace('-', '−');
  const words = direction === 'flat' ? 'unchanged' : `${direction} ${text.replace(/^[+−]/, '')}`;
  return { change: { text, direction, good, description: `${words} from ${format(base)} in the comparison period` } };
}

function emptyTotals(currency: string): CurrencyTotals {
  return { currency, spendMicros: 0, impressions: 0, clicks: 0, conversions: 0 };
}

function sum<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}
