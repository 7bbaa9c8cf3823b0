import { RANGE_PRESETS, presetRange, rangeFromSearchParams } from '$lib/date-range';
import { loadOverview } from '$lib/server/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  const { tenant } = await parent();
  const now = new Date();
  const { from, to, preset } = rangeFromSearchParams(url.searchParams, tenant.timeZone, now);
  return {
    range: { from, to, presetKey: preset?.key ?? null },
    presets: RANGE_PRESETS.map((p) => ({ key: p.key, label: p.label, ...presetRange(p, tenant.timeZone, now) })),
    ...(await loadOverview(locals.db, tenant.id, { from, to })),
  };
};
