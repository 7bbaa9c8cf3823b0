import type { Platform } from '$db/schema/enum-values';
import { metricValue, relativeChange } from '$worker/report/metrics';
import type { AccountTotals, DayTotals, EntityTotals, PlatformTotals, Totals } from '$worker/report/shape';
import { platformLabel } from './campaign-rows';
import type { TableColumn } from './table-columns';

/*
 * Column specs of the report widgets' tables (and so of their CSV files). Money columns read each
 * row's own currency: in the original-currency view rows of different currencies sit side by side.
 */

const money = <Row extends Totals>(key: string, label: string, value: (row: Row) => number | null): TableColumn<Row> => ({
  key,
  label,
  kind: 'money',
  value,
  currency: (row) => row.currency,
});

/** Spend, impressions, clicks, CTR, CPC, conversions, CPA and ROAS from a row's sums. */
export function metricColumns<Row extends Totals>(): TableColumn<Row>[] {
  return [
    money<Row>('spend', 'Spend', (r) => r.spendMicros),
    { key: 'impressions', label: 'Impressions', kind: 'count', value: (r) => r.impressions },
    { key: 'clicks', label: 'Clicks', kind: 'count', value: (r) => r.clicks },
    { key: 'ctr', label: 'CTR', kind: 'ratio', value: (r) => metricValue('ctr', r) },
    money<Row>('cpc', 'CPC', (r) => metricValue('cpc', r)),
    { key: 'conversions', label: 'Conversions', kind: 'decimal', value: (r) => r.conversions },
    money<Row>('cpa', 'Cost per conversion', (r) => metricValue('cpa', r)),
    { key: 'roas', label: 'ROAS', kind: 'decimal', value: (r) => metricValue('roas', r) },
  ];
}

const currencyColumn = <Row extends Totals>(): TableColumn<Row> => ({ key: 'currency', label: 'Currency', kind: 'text' });

/** A day of the trend, with the comparison period's aligned day beside it when there is one. */
export type DayRow = DayTotals & { previousDate: string | null; previousSpendMicros: number | null; previousConversions: number | null };

export function dayColumns(withComparison: boolean): TableColumn<DayRow>[] {
  const columns: TableColumn<DayRow>[] = [
    { key: 'date', label: 'Date', kind: 'date' },
    currencyColumn(),
    money<DayRow>('spend', 'Spend', (r) => r.spendMicros),
    { key: 'conversions', label: 'Conversions', kind: 'decimal', value: (r) => r.conversions },
    money<DayRow>('cpa', 'Cost per conversion', (r) => metricValue('cpa', r)),
    { key: 'clicks', label: 'Clicks', kind: 'count', value: (r) => r.clicks },
    { key: 'impressions', label: 'Impressions', kind: 'count', value: (r) => r.impressions },
  ];
  if (!withComparison) return columns;
  return [
    ...columns,
    { key: 'previousDate', label: 'Comparison date', kind: 'date' },
    money<DayRow>('previousSpend', 'Comparison spend', (r) => r.previousSpendMicros),
    { key: 'previousConversions', label: 'Comparison conversions', kind: 'decimal', value: (r) => r.previousConversions },
  ];
}

export function platformColumns(): TableColumn<PlatformTotals>[] {
  return [
    { key: 'platform', label: 'Platform', kind: 'text', value: (r) => platformLabel(r.platform) },
    currencyColumn(),
    ...metricColumns<PlatformTotals>(),
  ];
}

export function accountColumns(): TableColumn<AccountTotals>[] {
  return [
    { key: 'name', label: 'Ad account', kind: 'text' },
    { key: 'platform', label: 'Platform', kind: 'text', value: (r) => platformLabel(r.platform) },
    currencyColumn(),
    ...metricColumns<AccountTotals>(),
  ];
}

/** Campaigns, ad groups or ads: name, status, where it runs, then the metrics. */
export function entityColumns<Row extends EntityTotals>(nameLabel: string, extra: TableColumn<Row>[] = []): TableColumn<Row>[] {
  return [
    { key: 'name', label: nameLabel, kind: 'text' },
    { key: 'status', label: 'Status', kind: 'text', value: (r) => statusLabel(r.status) },
    { key: 'platform', label: 'Platform', kind: 'text', value: (r) => platformLabel(r.platform) },
    ...extra,
    { key: 'accountName', label: 'Ad account', kind: 'text' },
    currencyColumn(),
    ...metricColumns<Row>(),
  ];
}

/** The platforms' statuses in plain words (ENABLED, ACTIVE → Active; PAUSED → Paused; REMOVED, ARCHIVED, DELETED → Ended). */
export function statusLabel(status: string | null): string {
  if (!status) return 'Unknown';
  const s = status.toUpperCase();
  if (s === 'ACTIVE' || s === 'ENABLED') return 'Active';
  if (s === 'PAUSED') return 'Paused';
  if (['REMOVED', 'ARCHIVED', 'DELETED', 'CANCELED', 'COMPLETED'].includes(s)) return 'Ended';
  if (s === 'DRAFT' || s === 'PENDING_DELETION') return 'Draft';
  return s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** Trend rows: each day of the range with the comparison period's same-offset day. */
export function dayRows(current: DayTotals[], previous: DayTotals[] | null, alignedDate: (date: string) => string | null): DayRow[] {
  return current.map((day) => {
    const date = alignedDate(day.date);
    const before = date ? previous?.find((p) => p.date === date && p.currency === day.currency) : undefined;
    return {
      ...day,
      previousDate: date,
      previousSpendMicros: before ? before.spendMicros : previous && date ? 0 : null,
      previousConversions: before ? before.conversions : previous && date ? 0 : null,
    };
  });
}

/** Rows grouped by currency, biggest spend first (one chart per currency in the original-currency view). */
export function groupByCurrency<Row extends Totals>(rows: readonly Row[]): Array<{ currency: string; rows: Row[] }> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.currency, [...(groups.get(row.currency) ?? []), row]);
  const spend = (list: Row[]) => list.reduce((s, r) => s + r.spendMicros, 0);
  return [...groups.entries()].map(([currency, list]) => ({ currency, rows: list })).sort((a, b) => spend(b.rows) - spend(a.rows));
}

export const PLATFORM_ORDER: readonly Platform[] = ['meta', 'google_ads', 'linkedin'];

/** "Spend change" against the comparison period's same entity (a ratio column: +0.25 = +25%). */
export function spendChangeColumn<Row extends Totals>(previous: readonly Row[] | null, keyOf: (row: Row) => string): TableColumn<Row>[] {
  if (!previous) return [];
  const before = new Map(previous.map((row) => [keyOf(row), row.spendMicros]));
  return [
    {
      key: 'spendChange',
      label: 'Spend change',
      kind: 'ratio',
      value: (row) => relativeChange(row.spendMicros, before.get(keyOf(row)) ?? 0),
    },
  ];
}

/** The platform's own words for the levels below a campaign. */
export const CHILD_LEVEL_NAMES: Record<Platform, { group: string; groups: string; ads: string }> = {
  meta: { group: 'Ad set', groups: 'Ad sets', ads: 'Ads' },
  google_ads: { group: 'Ad group', groups: 'Ad groups', ads: 'Ads' },
  linkedin: { group: 'Campaign', groups: 'Campaigns', ads: 'Creatives' },
};

export const entityKey = (row: { adAccountId: string; externalId: string; currency: string }) =>
  `${row.adAccountId}|${row.externalId}|${row.currency}`;
