import type { TenantTx } from '../../db/database';
import { withTenant } from '../../db/database';
import { getFxRatesVersion, listFxRates } from '../../db/queries/fx';
import {
  type AccountLabel,
  type EntityDayRow,
  getCampaignLabel,
  listAccountLabels,
  listCampaignLabels,
  listChildLabels,
  listFactRows,
  listRollupRows,
  type ReportFilter,
  resolveReportScope,
} from '../../db/queries/report';
import type { Platform } from '../../db/schema/enum-values';
import type { ConversionNote } from '../fx/convert';
import { createRateBook, FX_BASE, ratesNeeded } from '../fx/rate-book';
import type { DateWindow } from '../lib/dates';
import { cachedQuery } from '../lib/query-cache';
import { aggregateRows, type CurrencyMode } from '../report/aggregate';
import type { MetricKey } from '../report/metrics';
import { type Comparison, comparisonWindow } from '../report/periods';
import {
  type AccountTotals,
  type DayTotals,
  type EntityTotals,
  type PlatformTotals,
  rankBy,
  shapeByAccount,
  shapeByDay,
  shapeByPlatform,
  shapeEntities,
  shapeTotals,
  type Totals,
} from '../report/shape';
import { type Cached, type TenantReadScope, timedRead } from './scope';

/*
 * The dashboard's report widgets. Each reads entity-day rows for the selected range (and the
 * comparison period) in one tenant transaction, converts them at each date's stored rate when the
 * reporting currency is asked for, and is cached under the tenant's data version, the selection and,
 * when converting, a fingerprint of the stored rates (a rates load does not bump the data version).
 */

/** What a widget shows, as the dashboard's URL states it. */
export interface ReportRequest extends DateWindow {
  compare: Comparison;
  platforms: Platform[] | null;
  adAccountIds: string[] | null;
  campaignIds: string[] | null;
  currency: 'original' | 'reporting';
  /** The tenant's reporting currency (used when `currency` is 'reporting'). */
  reportingCurrency: string;
}

/** A widget's answer for the range and, with a comparison, for the comparison period. */
export interface PeriodAnswer<T> {
  range: DateWindow;
  comparison: DateWindow | null;
  current: T;
  previous: T | null;
  /** How money was converted (both periods); null in the original-currency view. */
  conversion: ConversionNote | null;
}

interface Filters {
  current: ReportFilter;
  previous: ReportFilter | null;
}

const sortedList = (values: readonly string[] | null) => (values ? [...values].sort().join(',') : undefined);

async function cachedReport<T>(
  scope: TenantReadScope,
  request: ReportRequest,
  name: string,
  extra: Record<string, string | number>,
  compute: (tx: TenantTx, filters: Filters) => Promise<T>,
): Promise<Cached<T>> {
  const { db, tenant } = scope;
  const reporting = request.currency === 'reporting';
  const fx = reporting ? await getFxRatesVersion(db) : undefined;
  const params = {
    from: request.from,
    to: request.to,
    compare: request.compare,
    platforms: sortedList(request.platforms),
    accounts: sortedList(request.adAccountIds),
    campaigns: sortedList(request.campaignIds),
    currency: reporting ? request.reportingCurrency.toUpperCase() : 'original',
    fx,
    ...extra,
  };
  const queryName = `report-${name}`;
  return cachedQuery({ tenantId: tenant.id, dataVersion: tenant.dataVersion }, queryName, params, () =>
    timedRead(scope, queryName, () =>
      withTenant(db, tenant.id, async (tx) => {
        const narrowed = await resolveReportScope(tx, request);
        const comparison = comparisonWindow(request, request.compare);
        return compute(tx, {
          current: { from: request.from, to: request.to, ...narrowed },
          previous: comparison ? { ...comparison, ...narrowed } : null,
        });
      }),
    ),
  );
}

/** The currency view for these rows: the stored rates they need are read once, for both periods. */
async function currencyMode(tx: TenantTx, request: ReportRequest, rows: readonly EntityDayRow[]): Promise<CurrencyMode> {
  if (request.currency === 'original') return { kind: 'original' };
  const currency = request.reportingCurrency.toUpperCase();
  const needed = ratesNeeded(rows, currency);
  const rates = needed ? await listFxRates(tx.db, FX_BASE, needed.quotes, needed.from, needed.to) : [];
  return { kind: 'reporting', currency, book: createRateBook(rates) };
}

async function periods<T>(
  tx: TenantTx,
  request: ReportRequest,
  filters: Filters,
  readRows: (filter: ReportFilter) => Promise<EntityDayRow[]>,
  shape: (rows: EntityDayRow[], mode: CurrencyMode, range: DateWindow) => T,
): Promise<PeriodAnswer<T>> {
  const current = await readRows(filters.current);
  const previous = filters.previous ? await readRows(filters.previous) : null;
  const all = previous ? [...current, ...previous] : current;
  const mode = await currencyMode(tx, request, all);
  const comparison = filters.previous ? { from: filters.previous.from, to: filters.previous.to } : null;
  return {
    range: { from: request.from, to: request.to },
    comparison,
    current: shape(current, mode, request),
    previous: previous && comparison ? shape(previous, mode, comparison) : null,
    conversion: aggregateRows(all, () => '', mode).conversion,
  };
}

/** Headline totals (spend, impressions, clicks, conversions, value) with the comparison period's. */
export function readReportTotals(scope: TenantReadScope, request: ReportRequest): Promise<Cached<PeriodAnswer<Totals[]>>> {
  return cachedReport(scope, request, 'totals', {}, (tx, filters) =>
    periods(tx, request, filters, (f) => listRollupRows(tx, f, 'account'), shapeTotals),
  );
}

/** Totals per date, and per date of the comparison period. */
export function readReportByDay(scope: TenantReadScope, request: ReportRequest): Promise<Cached<PeriodAnswer<DayTotals[]>>> {
  return cachedReport(scope, request, 'by-day', {}, (tx, filters) =>
    periods(tx, request, filters, (f) => listRollupRows(tx, f, 'account'), shapeByDay),
  );
}

/** A split of the totals by something every account has (its platform, itself). */
function readAccountSplit<T>(
  scope: TenantReadScope,
  request: ReportRequest,
  name: string,
  shape: (rows: EntityDayRow[], accounts: AccountLabel[], mode: CurrencyMode) => T,
): Promise<Cached<PeriodAnswer<T>>> {
  return cachedReport(scope, request, name, {}, async (tx, filters) => {
    const accounts = await listAccountLabels(tx);
    return periods(
      tx,
      request,
      filters,
      (f) => listRollupRows(tx, f, 'account'),
      (rows, mode) => shape(rows, accounts, mode),
    );
  });
}

/** Totals per platform. */
export function readReportByPlatform(scope: TenantReadScope, request: ReportRequest): Promise<Cached<PeriodAnswer<PlatformTotals[]>>> {
  return readAccountSplit(scope, request, 'by-platform', shapeByPlatform);
}

/** Totals per ad account. */
export function readReportByAccount(scope: TenantReadScope, request: ReportRequest): Promise<Cached<PeriodAnswer<AccountTotals[]>>> {
  return readAccountSplit(scope, request, 'by-account', shapeByAccount);
}

/** Campaigns with totals, status and a daily spend line, biggest spend first. */
export function readReportCampaigns(scope: TenantReadScope, request: ReportRequest): Promise<Cached<PeriodAnswer<EntityTotals[]>>> {
  return cachedReport(scope, request, 'campaigns', {}, async (tx, filters) => {
    const [accounts, labels] = [await listAccountLabels(tx), await listCampaignLabels(tx, filters.current.adAccountIds)];
    return periods(
      tx,
      request,
      filters,
      (f) => listRollupRows(tx, f, 'campaign'),
      (rows, mode, range) => shapeEntities(rows, labels, accounts, range, mode),
    );
  });
}

/** An ad group or ad with the names of the campaign (and ad group) it belongs to. */
export type ChildTotals = EntityTotals & { campaignName: string; adGroupName: string };

async function childShaper(tx: TenantTx, filter: ReportFilter, level: 'ad_group' | 'ad') {
  const accounts = await listAccountLabels(tx);
  const labels = await listChildLabels(tx, filter, level);
  const campaignNames = new Map(
    (await listCampaignLabels(tx, filter.adAccountIds)).map((c) => [`${c.adAccountId}|${c.externalId}`, c.name]),
  );
  const groupNames =
    level === 'ad'
      ? new Map((await listChildLabels(tx, filter, 'ad_group')).map((g) => [`${g.adAccountId}|${g.externalId}`, g.name]))
      : new Map<string, string>();
  return (rows: EntityDayRow[], mode: CurrencyMode, range: DateWindow): ChildTotals[] =>
    shapeEntities(rows, labels, accounts, range, mode).map((entity) => ({
      ...entity,
      campaignName: campaignNames.get(`${entity.adAccountId}|${entity.campaignExternalId}`) ?? entity.campaignExternalId,
      adGroupName:
        level === 'ad' ? (groupNames.get(`${entity.adAccountId}|${entity.adGroupExternalId}`) ?? entity.adGroupExternalId) : entity.name,
    }));
}

/** Ad groups (Meta ad sets, LinkedIn campaigns) of the selection, from the fact table. */
export function readReportAdGroups(scope: TenantReadScope, request: ReportRequest): Promise<Cached<PeriodAnswer<ChildTotals[]>>> {
  return cachedReport(scope, request, 'ad-groups', {}, async (tx, filters) => {
    const shape = await childShaper(tx, filters.current, 'ad_group');
    return periods(tx, request, filters, (f) => listFactRows(tx, f, 'ad_group'), shape);
  });
}

export interface TopAdsOptions {
  metric: MetricKey;
  order: 'desc' | 'asc';
  limit: number;
}

/** The top ads by a metric over the selection; the comparison period's figures for the same ads. */
export function readReportAds(
  scope: TenantReadScope,
  request: ReportRequest,
  options: TopAdsOptions,
): Promise<Cached<PeriodAnswer<ChildTotals[]>>> {
  return cachedReport(scope, request, 'ads', { ...options }, async (tx, filters) => {
    const shape = await childShaper(tx, filters.current, 'ad');
    const answer = await periods(tx, request, filters, (f) => listFactRows(tx, f, 'ad'), shape);
    const top = rankBy(answer.current, options.metric, options.limit, options.order);
    const shown = new Set(top.map((ad) => `${ad.adAccountId}|${ad.externalId}|${ad.currency}`));
    const previous = answer.previous?.filter((ad) => shown.has(`${ad.adAccountId}|${ad.externalId}|${ad.currency}`)) ?? null;
    return { ...answer, current: top, previous };
  });
}

/** A campaign's name, status and account for its page; null when the tenant has no such campaign. */
export function readCampaignLabel(scope: TenantReadScope, campaignId: string) {
  return timedRead(scope, 'campaign-label', () => withTenant(scope.db, scope.tenant.id, (tx) => getCampaignLabel(tx, campaignId)));
}
