import { redirect } from '@sveltejs/kit';
import type { Platform } from '$db/schema/enum-values';
import { PRESET_OPTIONS } from '$lib/dashboard-view';
import { loadDashboardContext } from '$lib/server/dashboard';
import { backfillProgressOf } from '$worker/read-models/ad-accounts';
import {
  readReportByAccount,
  readReportByDay,
  readReportByPlatform,
  readReportCampaigns,
  readReportTotals,
} from '$worker/read-models/report';
import type { PageServerLoad } from './$types';

/** Parameters the OAuth callback adds when it sends the user back to /t/<tenant id>. */
const CONNECT_OUTCOME_PARAMS = ['connected', 'connect_error'];

/** Campaigns the overview lists; the campaigns page has them all. */
const OVERVIEW_CAMPAIGNS = 10;

function topCampaigns<T extends { adAccountId: string; externalId: string }>(answer: { current: T[]; previous: T[] | null }) {
  const current = answer.current.slice(0, OVERVIEW_CAMPAIGNS);
  const shown = new Set(current.map((c) => `${c.adAccountId}|${c.externalId}`));
  const previous = answer.previous?.filter((c) => shown.has(`${c.adAccountId}|${c.externalId}`)) ?? null;
  return { ...answer, current, previous, total: answer.current.length };
}

/** The campaigns the filter offers: those with our id (synced names), by name. */
function campaignOptions(campaigns: Array<{ id: string | null; name: string; platform: Platform }>) {
  const seen = new Set<string>();
  return campaigns
    .filter((c): c is typeof c & { id: string } => c.id !== null && !seen.has(c.id) && Boolean(seen.add(c.id)))
    .map(({ id, name, platform }) => ({ id, name, platform }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const load: PageServerLoad = async (event) => {
  const { tenant } = await event.parent();
  const { url } = event;
  // The connect flow starts on the Connections page; its outcome belongs there, beside the new accounts.
  if (CONNECT_OUTCOME_PARAMS.some((key) => url.searchParams.has(key))) redirect(303, `/t/${tenant.slug}/connections${url.search}`);
  const { view, scope, request, accounts, cards } = await loadDashboardContext(event, tenant);
  // Each read model opens its own tenant transaction on the pool: a cache miss costs the slowest, not the sum.
  const [totals, byDay, byPlatform, byAccount, campaigns] = await Promise.all([
    readReportTotals(scope, request),
    readReportByDay(scope, request),
    readReportByPlatform(scope, request),
    readReportByAccount(scope, request),
    readReportCampaigns(scope, request),
  ]);
  return {
    view,
    now: event.locals.clock.now().toISOString(),
    campaignOptions: campaignOptions(campaigns.value.current),
    presets: PRESET_OPTIONS,
    accounts,
    totals: totals.value,
    byDay: byDay.value,
    byPlatform: byPlatform.value,
    byAccount: byAccount.value,
    campaigns: topCampaigns(campaigns.value),
    backfills: backfillProgressOf(cards),
  };
};
