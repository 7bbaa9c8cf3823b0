import { withTenant, type Database } from '$db/client';
import { getOverviewKpis, listCampaignPerformance, listSpendByDay, type DashboardRange } from '$db/queries/dashboard';

/**
 * Everything the overview page shows, read in one tenant-scoped transaction: row-level
 * security only shows rows once `app.tenant_id` is set, and the explicit tenantId filters
 * in the queries are the first wall.
 */
export function loadOverview(db: Database, tenantId: string, range: DashboardRange) {
  return withTenant(db, tenantId, async (tx) => {
    const kpis = await getOverviewKpis(tx, tenantId, range);
    const spendByDay = await listSpendByDay(tx, tenantId, range);
    const campaigns = await listCampaignPerformance(tx, tenantId, range);
    return {
      kpis,
      spendByDay: spendByDay.map(({ date, currency, spendMicros }) => ({ date, currency, spendMicros })),
      campaigns,
    };
  });
}
