import type { Database } from '$db/client';
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
        getOverviewKpis(db, tenant.id, range),
        listSpendByDay(db, tenant.id, range),
        listCampaignPerformance(db, tenant.id, range),
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
