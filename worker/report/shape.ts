import type { MetricTotals } from '../../db/queries/dashboard';
import type { AccountLabel, EntityLabel } from '../../db/queries/report';
import type { Platform } from '../../db/schema/enum-values';
import { type DateWindow, eachDate } from '../lib/dates';
import { aggregateRows, type CurrencyMode, type ReportCell, type ReportRow } from './aggregate';
import { type MetricKey, metricValue } from './metrics';

/*
 * The dashboard widgets' answers, shaped from entity-day rows (pure; the read models fetch the rows).
 * In the original-currency view every shape has one entry per currency it spans.
 */

const metricsOf = (cell: ReportCell): MetricTotals & { currency: string } => ({
  currency: cell.currency,
  spendMicros: cell.spendMicros,
  impressions: cell.impressions,
  clicks: cell.clicks,
  conversions: cell.conversions,
  conversionValueMicros: cell.conversionValueMicros,
});

export type Totals = MetricTotals & { currency: string };

/** Totals over the selection, one per currency (one in the reporting view; none without data). */
export function shapeTotals(rows: readonly ReportRow[], mode: CurrencyMode): Totals[] {
  return aggregateRows(rows, () => '', mode)
    .cells.map(metricsOf)
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

export type DayTotals = Totals & { date: string };

/** Totals per date and currency, in date order. */
export function shapeByDay(rows: readonly ReportRow[], mode: CurrencyMode): DayTotals[] {
  return aggregateRows(rows, (r) => r.date, mode)
    .cells.map((cell) => ({ date: cell.group, ...metricsOf(cell) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency));
}

export type PlatformTotals = Totals & { platform: Platform };

/** Totals per platform, biggest spend first. */
export function shapeByPlatform(rows: readonly ReportRow[], accounts: readonly AccountLabel[], mode: CurrencyMode): PlatformTotals[] {
  const platformOf = new Map(accounts.map((a) => [a.id, a.platform]));
  return aggregateRows(rows, (r) => platformOf.get(r.adAccountId) ?? 'meta', mode)
    .cells.map((cell) => ({ platform: cell.group as Platform, ...metricsOf(cell) }))
    .sort(bySpendThen((t) => t.platform));
}

export type AccountTotals = Totals & { adAccountId: string; name: string; platform: Platform };

/** Totals per ad account, biggest spend first. */
export function shapeByAccount(rows: readonly ReportRow[], accounts: readonly AccountLabel[], mode: CurrencyMode): AccountTotals[] {
  const labelOf = new Map(accounts.map((a) => [a.id, a]));
  return aggregateRows(rows, (r) => r.adAccountId, mode)
    .cells.map((cell) => {
      const label = labelOf.get(cell.group);
      return { adAccountId: cell.group, name: label?.name ?? cell.group, platform: label?.platform ?? 'meta', ...metricsOf(cell) };
    })
    .sort(bySpendThen((t) => t.name));
}

/** A campaign, ad group or ad with its totals; `spark` is its spend per date of the range (micros, 0 without delivery). */
export type EntityTotals = Totals & {
  /** Our id of the entity (for links); null when its name has not been synced yet. */
  id: string | null;
  adAccountId: string;
  externalId: string;
  name: string;
  status: string | null;
  platform: Platform;
  accountName: string;
  campaignExternalId: string;
  adGroupExternalId: string;
  spark: number[];
};

const entityKey = (adAccountId: string, externalId: string) => `${adAccountId}\u0000${externalId}`;

/** Totals per campaign, ad group or ad (rows keyed by its platform id), with names, statuses and a daily spend line. */
export function shapeEntities(
  rows: readonly ReportRow[],
  labels: readonly EntityLabel[],
  accounts: readonly AccountLabel[],
  range: DateWindow,
  mode: CurrencyMode,
): EntityTotals[] {
  const accountOf = new Map(accounts.map((a) => [a.id, a]));
  const labelOf = new Map(labels.map((l) => [entityKey(l.adAccountId, l.externalId), l]));
  const dates = eachDate(range);
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const perDay = aggregateRows(rows, (r) => `${entityKey(r.adAccountId, r.key)}\u0000${r.date}`, mode).cells;
  const sparks = new Map<string, number[]>();
  for (const cell of perDay) {
    const [adAccountId, externalId, date] = cell.group.split('\u0000') as [string, string, string];
    const id = `${entityKey(adAccountId, externalId)}\u0000${cell.currency}`;
    const spark = sparks.get(id) ?? dates.map(() => 0);
    const at = dateIndex.get(date);
    if (at !== undefined) spark[at] = (spark[at] ?? 0) + cell.spendMicros;
    sparks.set(id, spark);
  }
  return aggregateRows(rows, (r) => entityKey(r.adAccountId, r.key), mode)
    .cells.map((cell) => {
      const [adAccountId, externalId] = cell.group.split('\u0000') as [string, string];
      const label = labelOf.get(cell.group);
      const account = accountOf.get(adAccountId);
      return {
        id: label?.id ?? null,
        adAccountId,
        externalId,
        name: label?.name ?? externalId,
        status: label?.status ?? null,
        platform: account?.platform ?? 'meta',
        accountName: account?.name ?? adAccountId,
        campaignExternalId: label?.campaignExternalId ?? '',
        adGroupExternalId: label?.adGroupExternalId ?? '',
        spark: sparks.get(`${cell.group}\u0000${cell.currency}`) ?? dates.map(() => 0),
        ...metricsOf(cell),
      };
    })
    .sort(bySpendThen((t) => t.name));
}

/**
 * The top `limit` by a metric: highest first (`desc`) or lowest first (`asc`, e.g. the cheapest
 * CPA); entities whose metric cannot be computed (no clicks for CPC) come last, ties by spend.
 */
export function rankBy<T extends MetricTotals>(rows: readonly T[], metric: MetricKey, limit: number, order: 'desc' | 'asc' = 'desc'): T[] {
  const sign = order === 'desc' ? -1 : 1;
  return [...rows]
    .map((row) => ({ row, value: metricValue(metric, row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
      return sign * (a.value - b.value) || b.row.spendMicros - a.row.spendMicros;
    })
    .slice(0, limit)
    .map(({ row }) => row);
}

function bySpendThen<T extends Totals>(name: (t: T) => string) {
  return (a: T, b: T) => b.spendMicros - a.spendMicros || name(a).localeCompare(name(b)) || a.currency.localeCompare(b.currency);
}
