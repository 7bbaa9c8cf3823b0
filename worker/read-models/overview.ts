import { type TenantTx, withTenant } from '../../db/database';
import {
  type CampaignPerformance,
  type CurrencyKpis,
  type DaySpend,
  getOverviewKpis,
  listCampaignPerformance,
  listSpendByDay,
} from '../../db/queries/dashboard';
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
