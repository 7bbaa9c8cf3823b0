import { redirect } from '@sveltejs/kit';
import { presetRange, RANGE_PRESETS, rangeFromSearchParams } from '$lib/date-range';
import { loadOverview } from '$lib/server/overview';
import { readBackfillProgress } from '$worker/read-models/ad-accounts';
import type { PageServerLoad } from './$types';

/** Parameters the OAuth callback adds when it sends the user back to /t/<tenant id>. */
const CONNECT_OUTCOME_PARAMS = ['connected', 'connect_error'];

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  const { tenant } = await parent();
  // The connect flow starts on the Connections page; its outcome belongs there, beside the new accounts.
  if (CONNECT_OUTCOME_PARAMS.some((key) => url.searchParams.has(key))) redirect(303, `/t/${tenant.slug}/connections${url.search}`);
  const now = locals.clock.now();
  const { from, to, preset } = rangeFromSearchParams(url.searchParams, tenant.timeZone, now);
  const scope = { db: locals.db, tenant, telemetry: locals.telemetry };
  const [overview, backfills] = await Promise.all([loadOverview(scope, { from, to }), readBackfillProgress(scope)]);
  return {
    range: { from, to, presetKey: preset?.key ?? null },
    presets: RANGE_PRESETS.map((p) => ({ key: p.key, label: p.label, ...presetRange(p, tenant.timeZone, now) })),
    ...overview,
    backfills,
  };
};
