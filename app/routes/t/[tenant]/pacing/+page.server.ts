import { isServedDate, localHour, localToday } from '$worker/lib/dates';
import { readPacingComparison } from '$worker/read-models/pacing';
import type { PageServerLoad } from './$types';

/** How many previous days today's pacing is compared with (a week: every weekday once). */
const PACING_COMPARE_DAYS = 7;

/** The same read model as GET /api/tenants/:tenant/pacing?date=…&compare=7. */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
  const { tenant } = await parent();
  const now = locals.clock.now();
  const today = localToday(tenant.timeZone, now);
  const asked = url.searchParams.get('date');
  // A day that is not a served date or lies in the future shows today instead of an error.
  const date = asked && isServedDate(asked) && asked <= today ? asked : today;
  const scope = { db: locals.db, tenant, telemetry: locals.telemetry };
  const { value: comparison } = await readPacingComparison(scope, date, PACING_COMPARE_DAYS);
  return { date, today, hoursReached: date === today ? localHour(tenant.timeZone, now) + 1 : 24, comparison };
};
