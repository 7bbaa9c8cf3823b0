import { type TenantTx, withTenant } from '../../db/database';
import {
  type AccountDay,
  type CampaignDay,
  type CampaignPerformance,
  type CurrencyKpis,
  type DaySpend,
  getOverviewKpis,
  listAccountDays,
  listCampaignDays,
  listCampaignPerformance,
  listSpendByDay,
} from '../../db/queries/dashboard';
import { getFxRatesVersion, listFxRates } from '../../db/queries/fx';
import { type ConversionNote, convertRows, type DatedRow } from '../fx/convert';
import { createRateBook, FX_BASE, ratesNeeded } from '../fx/rate-book';
import { sumByCampaign, sumByDay, sumKpis } from '../fx/sum';
import type { DateWindow } from '../lib/dates';
import { cachedQuery } from '../lib/query-cache';
import { type Cached, type TenantReadScope, timedRead } from './scope';

/*
 * The overview's three figures, each cached under its own key and the tenant's data version (a
 * sync commit bumps it, so a refresh after a live update reads the new numbers). The API serves
 * them one per endpoint; the overview page calls all three, in parallel: each opens its own tenant
 * transaction on the pool, so a miss costs the slowest query, not the sum.
 */

/** Cache key names, shared by /api/tenants/:t/overview|spend-by-day|campaigns and the overview page. */
export const OVERVIEW_CACHE_KEYS = { kpis: 'overview-kpis', spendByDay: 'spend-by-day', campaigns: 'campaigns' } as const;

function cachedInTenant<T>(scope: TenantReadScope, name: string, range: DateWindow, read: (tx: TenantTx) => Promise<T>) {
  const { db, tenant } = scope;
  return cachedQuery({ tenantId: tenant.id, dataVersion: tenant.dataVersion }, name, { from: range.from, to: range.to }, () =>
    timedRead(scope, name, () => withTenant(db, tenant.id, read)),
  );
}

/** Headline numbers per currency over the range. */
export function readOverviewKpis(scope: TenantReadScope, range: DateWindow): Promise<Cached<CurrencyKpis[]>> {
  return cachedInTenant(scope, OVERVIEW_CACHE_KEYS.kpis, range, (tx) => getOverviewKpis(tx, range));
}

/** Spend and the other totals per date and currency. */
export function readSpendByDay(scope: TenantReadScope, range: DateWindow): Promise<Cached<DaySpend[]>> {
  return cachedInTenant(scope, OVERVIEW_CACHE_KEYS.spendByDay, range, (tx) => listSpendByDay(tx, range));
}

/** Campaign totals over the range, biggest spend first. */
export function readCampaignPerformance(scope: TenantReadScope, range: DateWindow): Promise<Cached<CampaignPerformance[]>> {
  return cachedInTenant(scope, OVERVIEW_CACHE_KEYS.campaigns, range, (tx) => listCampaignPerformance(tx, range));
}

/*
 * The same three figures in the tenant's reporting currency: every account-day (or campaign-day)
 * row is converted at its own date's stored rate, then summed. The cache key carries the reporting
 * currency and a fingerprint of the stored rates, since a rates load does not bump the data version.
 */

/** A figure in one reporting currency, with how it was converted (source, rate dates, what had no rate). */
export interface Converted<T> {
  value: T;
  conversion: ConversionNote;
}

function convertedInTenant<R extends DatedRow, T>(
  scope: TenantReadScope,
  name: string,
  range: DateWindow,
  reportingCurrency: string,
  list: (tx: TenantTx) => Promise<R[]>,
  sum: (rows: R[], currency: string) => T,
): Promise<Cached<Converted<T>>> {
  const { db, tenant } = scope;
  const currency = reportingCurrency.toUpperCase();
  return getFxRatesVersion(db).then((fx) =>
    cachedQuery(
      { tenantId: tenant.id, dataVersion: tenant.dataVersion },
      `${name}-converted`,
      { from: range.from, to: range.to, currency, fx },
      () =>
        timedRead(scope, `${name}-converted`, () =>
          withTenant(db, tenant.id, async (tx) => {
            const rows = await list(tx);
            const needed = ratesNeeded(rows, currency);
            const rates = needed ? await listFxRates(tx.db, FX_BASE, needed.quotes, needed.from, needed.to) : [];
            const converted = convertRows(rows, currency, createRateBook(rates));
            return { value: sum(converted.rows, currency), conversion: converted.note };
          }),
        ),
    ),
  );
}

/** Headline numbers in the reporting currency (one row, or none without data). */
export function readOverviewKpisConverted(
  scope: TenantReadScope,
  range: DateWindow,
  reportingCurrency: string,
): Promise<Cached<Converted<CurrencyKpis[]>>> {
  return convertedInTenant<AccountDay, CurrencyKpis[]>(
    scope,
    OVERVIEW_CACHE_KEYS.kpis,
    range,
    reportingCurrency,
    (tx) => listAccountDays(tx, range),
    sumKpis,
  );
}

/** Totals per date in the reporting currency. */
export function readSpendByDayConverted(
  scope: TenantReadScope,
  range: DateWindow,
  reportingCurrency: string,
): Promise<Cached<Converted<DaySpend[]>>> {
  return convertedInTenant<AccountDay, DaySpend[]>(
    scope,
    OVERVIEW_CACHE_KEYS.spendByDay,
    range,
    reportingCurrency,
    (tx) => listAccountDays(tx, range),
    sumByDay,
  );
}

/** Campaign totals in the reporting currency, biggest spend first. */
export function readCampaignPerformanceConverted(
  scope: TenantReadScope,
  range: DateWindow,
  reportingCurrency: string,
): Promise<Cached<Converted<CampaignPerformance[]>>> {
  return convertedInTenant<CampaignDay, CampaignPerformance[]>(
    scope,
    OVERVIEW_CACHE_KEYS.campaigns,
    range,
    reportingCurrency,
    (tx) => listCampaignDays(tx, range),
    sumByCampaign,
  );
}
