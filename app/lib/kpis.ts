import { formatCount, formatDecimalCount, formatMoney, formatPercent } from './format';

/** Sums for one currency over a date range (what the overview query returns per currency). */
export interface CurrencyTotals {
  currency: string;
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
}

export interface KpiTile {
  key: 'spend' | 'impressions' | 'clicks' | 'ctr' | 'cpc' | 'conversions' | 'cpa';
  label: string;
  /** One entry per currency for money-based metrics, otherwise exactly one. */
  values: Array<{ text: string; currency?: string }>;
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
export function buildKpiTiles(totals: CurrencyTotals[], reportingCurrency: string): KpiTile[] {
  const present = totals.length > 0 ? totals : [emptyTotals(reportingCurrency)];
  const byCurrency = [...present].sort((a, b) => b.spendMicros - a.spendMicros || a.currency.localeCompare(b.currency));
  const impressions = sum(totals, (t) => t.impressions);
  const clicks = sum(totals, (t) => t.clicks);
  const conversions = sum(totals, (t) => t.conversions);
  const perCurrency = (money: (t: CurrencyTotals) => number | null) =>
    byCurrency.map((t) => ({ text: formatMoney(money(t), t.currency), currency: t.currency }));
  return [
    { key: 'spend', label: 'Spend', values: perCurrency((t) => t.spendMicros) },
    { key: 'impressions', label: 'Impressions', values: [{ text: formatCount(impressions) }] },
    { key: 'clicks', label: 'Clicks', values: [{ text: formatCount(clicks) }] },
    { key: 'ctr', label: 'CTR', values: [{ text: formatPercent(ratio(clicks, impressions)) }] },
    { key: 'cpc', label: 'CPC', values: perCurrency((t) => ratio(t.spendMicros, t.clicks)) },
    { key: 'conversions', label: 'Conversions', values: [{ text: formatDecimalCount(conversions) }] },
    { key: 'cpa', label: 'CPA', values: perCurrency((t) => ratio(t.spendMicros, t.conversions)) },
  ];
}

function emptyTotals(currency: string): CurrencyTotals {
  return { currency, spendMicros: 0, impressions: 0, clicks: 0, conversions: 0 };
}

function sum<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}
