/** The Worker's 15-minute cron, as wrangler.toml names it. */
export const HOT_CRON = '*/15 * * * *';

/**
 * `wrangler dev --test-scheduled` runs no cron by itself. This is the URL of one hot slot at the
 * top of the current hour: the first slot of an hour is the one whose syncs bring entity names
 * and today's hourly rows, and whose housekeeping loads the day's FX rates (worker/jobs).
 */
export function firstSlotOfHourUrl(appUrl: string, now: Date): URL {
  const url = new URL('/__scheduled', appUrl);
  url.searchParams.set('cron', HOT_CRON);
  url.searchParams.set('time', String(Math.floor(now.getTime() / 3_600_000) * 3_600_000));
  return url;
}

/**
 * Fires that slot once, as production's cron would within 15 minutes of a connect: after the
 * backfill, it fills the pacing page and the one-currency view (FX rates) of `npm run dev`.
 */
export async function tickFirstSlotOfHour(appUrl: string, now = new Date()): Promise<void> {
  const res = await fetch(firstSlotOfHourUrl(appUrl, now));
  const body = await res.text();
  if (!res.ok) throw new Error(`/__scheduled answered ${res.status}: ${body.slice(0, 200)}`);
}
