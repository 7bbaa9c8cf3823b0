import { loadDashboardContext } from '$lib/server/dashboard';
import { topAdsOptions } from '$lib/top-ads-options';
import { readReportAds } from '$worker/read-models/report';
import type { PageServerLoad } from './$types';

/** The top ads by any metric: the same read model as GET /api/tenants/:t/report/ads. */
export const load: PageServerLoad = async (event) => {
  const { tenant } = await event.parent();
  const { view, scope, request, accounts } = await loadDashboardContext(event, tenant);
  const options = topAdsOptions(event.url.searchParams);
  const ads = await readReportAds(scope, request, options);
  return { view, now: event.locals.clock.now().toISOString(), accounts, options, ads: ads.value };
};
