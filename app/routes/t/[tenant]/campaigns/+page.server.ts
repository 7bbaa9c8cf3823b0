import { PRESET_OPTIONS } from '$lib/dashboard-view';
import { loadDashboardContext } from '$lib/server/dashboard';
import { readReportCampaigns } from '$worker/read-models/report';
import type { PageServerLoad } from './$types';

/** Every campaign of the view, with its spend line: the same read model as GET /api/tenants/:t/report/campaigns. */
export const load: PageServerLoad = async (event) => {
  const { tenant } = await event.parent();
  const { view, scope, request, accounts } = await loadDashboardContext(event, tenant);
  const campaigns = await readReportCampaigns(scope, request);
  return { view, now: event.locals.clock.now().toISOString(), presets: PRESET_OPTIONS, accounts, campaigns: campaigns.value };
};
