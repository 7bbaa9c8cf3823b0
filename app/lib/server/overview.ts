import type { DashboardRange } from '$db/queries/dashboard';
import { readCampaignPerformance, readOverviewKpis, readSpendByDay } from '$worker/read-models/overview';
import type { TenantReadScope } from '$worker/read-models/scope';

/**
 * Everything the overview page shows: the same three read models (and cache entries) as the API's
 * overview, spend-by-day and campaigns endpoints, run in parallel.
 */
export async function loadOverview(scope: TenantReadScope, range: DashboardRange) {
  const [kpis, spendByDay, campaigns] = await Promise.all([
    readOverviewKpis(scope, range),
    readSpendByDay(scope, range),
    readCampaignPerformance(scope, range),
  ]);
  return { kpis: kpis.value, spendByDay: spendByDay.value, campaigns: campaigns.value };
}
