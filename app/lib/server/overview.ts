import type { Database } from '$db/client';
import { getOverviewKpis, listCampaignPerformance, listSpendByDay, type DashboardRange } from '$db/queries/dashboard';

/**
 * Everything the overview page shows. Each query scopes itself to the tenant (withTenant for
 * row-level security plus an explicit tenant filter), so the three run in parallel on the pool.
 */
export async function loadOverview(db: Database, tenantId: string, range: DashboardRange) {
  const [kpis, spendByDay, campaigns] = await Promise.all([
    getOverviewKpis(db, tenantId, range),
    listSpendByDay(db, tenantId, range),
    listCampaignPerformance(db, tenantId, range),
  ]);
  return {
    kpis,
    spendByDay: spendByDay.map(({ date, currency, spendMicros }) => ({ date, currency, spendMicros })),
    campaigns,
  };
}
