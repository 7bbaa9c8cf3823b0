import { nextSlot } from '../../worker/connections/next-sync';
import { NIGHTLY_CRON } from '../../worker/jobs/plan';

/** The Worker's 15-minute cron, as wrangler.toml names it (the nightly one is NIGHTLY_CRON). */
export const HOT_CRON = '*/15 * * * *';

/** The next instant after `now` at which Cloudflare fires the Worker's crons, and which ones: every quarter hour, the nightly one at 02:30 UTC. */
export function nextCronSlot(now: Date): { at: Date; crons: string[] } {
  const at = nextSlot(now);
  const nightly = at.getUTCHours() === 2 && at.getUTCMinutes() === 30;
  return { at, crons: nightly ? [HOT_CRON, NIGHTLY_CRON] : [HOT_CRON] };
}

/** `wrangler dev --test-scheduled`'s trigger; the slot is the moment of the request. */
export function scheduledUrl(appUrl: string, cron: string): URL {
  const url = new URL('/__scheduled', appUrl);
  url.searchParams.set('cron', cron);
  return url;
}

/**
 * Fires wrangler.toml's crons against `wrangler dev` on Cloudflare's schedule, which wrangler dev
 * does not do by itself: the hot lane every quarter hour, and with each hour's first slot today's
 * hourly pacing rows, refreshed names and the day's FX rates; the settling lane nightly.
 */
export function startDevCron(options: { appUrl: string; log: (line: string) => void }): { stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const slot = nextCronSlot(new Date());
    timer = setTimeout(async () => {
      for (const cron of slot.crons) {
        if (stopped) return;
        const res = await fetch(scheduledUrl(options.appUrl, cron)).catch((error: Error) => error);
        if (res instanceof Error || !res.ok) options.log(`  [cron] '${cron}' failed: ${res instanceof Error ? res.message : res.status}`);
        else await res.text();
      }
      schedule();
    }, slot.at.getTime() - Date.now());
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
