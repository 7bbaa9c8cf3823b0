import { error } from '@sveltejs/kit';
import { loadDashboardContext } from '$lib/server/dashboard';
import { idParamSchema } from '$worker/api/validate';
import { readCampaignLabel, readReportAdGroups, readReportAds, readReportByDay, readReportTotals } from '$worker/read-models/report';
import type { PageServerLoad } from './$types';

/** Most ads a campaign page lists (biggest spend first); the top-ads page ranks any number of them by any metric. */
const CAMPAIGN_ADS = 100;

/** One campaign: its totals and trend, its ad groups (ad sets) and its ads, for the view's dates and currency. */
export const load: PageServerLoad = async (event) => {
  const { tenant } = await event.parent();
  const { view, scope, request, accounts } = await loadDashboardContext(event, tenant);
  const id = idParamSchema.safeParse(event.params.campaign);
  const campaign = id.success ? await readCampaignLabel(scope, id.data) : null;
  if (!campaign) error(404, 'There is no such campaign in this dashboard.');
  // The page is about this one campaign, whatever the filters of the page it was opened from.
  const own = { ...request, platforms: null, adAccountIds: null, campaignIds: [campaign.id] };
  const [totals, byDay, adGroups, ads] = await Promise.all([
    readReportTotals(scope, own),
    readReportByDay(scope, own),
    readReportAdGroups(scope, own),
    readReportAds(scope, own, { metric: 'spend', order: 'desc', limit: CAMPAIGN_ADS }),
  ]);
  return {
    view: { ...view, platforms: null, accounts: null, campaigns: [campaign.id] },
    now: event.locals.clock.now().toISOString(),
    campaign,
    accounts: accounts.filter((a) => a.adAccountId === campaign.adAccountId),
    totals: totals.value,
    byDay: byDay.value,
    adGroups: adGroups.value,
    ads: ads.value,
  };
};
