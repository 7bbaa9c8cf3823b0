import { type Database, withTenant } from '$db/client';
import { type DashboardRange, getOverviewKpis, listCampaignPerformance, listSpendByDay } from '$db/queries/dashboard';
import { cachedQuery } from '$worker/lib/query-cache';

/**
 * Everything the overview page shows, cached under the tenant's data version (a sync commit
 * bumps it, so a refresh after a live update always reads the new numbers). Each query scopes
 * itself to the tenant (withTenant for row-level security plus an explicit tenant filter), so
 * on a miss the three run in parallel on the pool.
 */
export async function loadOverview(db: Database, tenant: { id: string; dataVersion: number }, range: DashboardRange) {
  const { value } = await cachedQuery(
    { tenantId: tenant.id, dataVersion: tenant.dataVersion },
    'overview-page',
    { from: range.from, to: range.to },
    async () => {
      const [kpis, spendByDay, campaigns] = await Promise.all([
        withTenant(db, tenant.id, (tx) => getOverviewKpis(tx, range)),
        withTenant(db, tenant.id, (tx) => listSpendByDay(tx, range)),
        withTenant(db, tenant.id, (tx) => listCampaignPerformance(tx, range)),
      ]);
      return {
        kpis,
        spendByDay: spendByDay.map(({ date, currency, spendMicros }) => ({ date, currency, spendMicros })),
        campaigns,
      };
    },
  );
  return value;
}
