import type { CampaignPerformance, CurrencyKpis, DaySpend } from '../../db/queries/dashboard';
import type { ConversionNote } from '../fx/convert';
import type { DateWindow } from '../lib/dates';
import { type PeriodAnswer, type ReportRequest, readReportByDay, readReportCampaigns, readReportTotals } from './report';
import type { Cached, TenantReadScope } from './scope';

/*
 * The first dashboard endpoints (GET /api/tenants/:t/overview, spend-by-day and campaigns), kept
 * for their clients: views over the report widgets (./report.ts) for the whole tenant with no
 * comparison, so both share one engine, one exact conversion and the same cache entries.
 */

/** A figure in one reporting currency, with how it was converted (source, rate dates, what had no rate). */
export interface Converted<T> {
  value: T;
  conversion: ConversionNote;
}

function request(range: DateWindow, reportingCurrency: string | null): ReportRequest {
  return {
    from: range.from,
    to: range.to,
    compare: 'none',
    platforms: null,
    adAccountIds: null,
    campaignIds: null,
    currency: reportingCurrency ? 'reporting' : 'original',
    reportingCurrency: reportingCurrency ?? 'USD',
  };
}

const current = async <T, U>(read: Promise<Cached<PeriodAnswer<T>>>, map: (value: T) => U): Promise<Cached<U>> => {
  const { value, hit } = await read;
  return { value: map(value.current), hit };
};

const converted = async <T, U>(read: Promise<Cached<PeriodAnswer<T>>>, map: (value: T) => U): Promise<Cached<Converted<U>>> => {
  const { value, hit } = await read;
  // A reporting-currency answer always carries its note.
  return { value: { value: map(value.current), conversion: value.conversion as ConversionNote }, hit };
};

const asCampaigns = (rows: Awaited<ReturnType<typeof readReportCampaigns>>['value']['current']): CampaignPerformance[] =>
  rows.map((c) => ({
    adAccountId: c.adAccountId,
    platform: c.platform,
    campaignId: c.externalId,
    campaignName: c.name,
    currency: c.currency,
    spendMicros: c.spendMicros,
    impressions: c.impressions,
    clicks: c.clicks,
    conversions: c.conversions,
    conversionValueMicros: c.conversionValueMicros,
  }));
const same = <T>(value: T) => value;

/** Headline numbers per currency over the range. */
export function readOverviewKpis(scope: TenantReadScope, range: DateWindow): Promise<Cached<CurrencyKpis[]>> {
  return current(readReportTotals(scope, request(range, null)), same);
}

/** Spend and the other totals per date and currency. */
export function readSpendByDay(scope: TenantReadScope, range: DateWindow): Promise<Cached<DaySpend[]>> {
  return current(readReportByDay(scope, request(range, null)), same);
}

/** Campaign totals over the range, biggest spend first. */
export function readCampaignPerformance(scope: TenantReadScope, range: DateWindow): Promise<Cached<CampaignPerformance[]>> {
  return current(readReportCampaigns(scope, request(range, null)), asCampaigns);
}

/** Headline numbers in the reporting currency (one row, or none without data). */
export function readOverviewKpisConverted(scope: TenantReadScope, range: DateWindow, reportingCurrency: string) {
  return converted(readReportTotals(scope, request(range, reportingCurrency)), same);
}

/** Totals per date in the reporting currency. */
export function readSpendByDayConverted(scope: TenantReadScope, range: DateWindow, reportingCurrency: string) {
  return converted(readReportByDay(scope, request(range, reportingCurrency)), same);
}

/** Campaign totals in the reporting currency, biggest spend first. */
export function readCampaignPerformanceConverted(scope: TenantReadScope, range: DateWindow, reportingCurrency: string) {
  return converted(readReportCampaigns(scope, request(range, reportingCurrency)), asCampaigns);
}
