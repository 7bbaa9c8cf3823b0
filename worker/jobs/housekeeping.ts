import type { Database } from '../../db/database';
import { purgeExpiredSessions, purgeStaleLoginThrottles } from '../../db/queries/housekeeping';
import { laneForCron } from './plan';

/** Rows each purge deletes at most per run: an hour's new sessions and failed sign-ins fit many times over. */
export const HOUSEKEEPING_BATCH = 2000;

/** Housekeeping runs on the first hot-lane slot of each hour (minute 0 to 14 of the slot time). */
export function isHousekeepingSlot(cron: string, slot: Date): boolean {
  return laneForCron(cron) === 'hot' && slot.getUTCMinutes() < 15;
}

export interface HousekeepingResult {
  sessions: number;
  loginThrottles: number;
}

/**
 * Purges expired sessions and stale login-throttle counters, a bounded batch of each. `now` is the
 * wall clock: sessions and throttles are stamped in real time even when the benchmark compresses time.
 */
export async function runHousekeeping(db: Database, now: Date): Promise<HousekeepingResult> {
  return {
    sessions: await purgeExpiredSessions(db, now, HOUSEKEEPING_BATCH),
    loginThrottles: await purgeStaleLoginThrottles(db, now, HOUSEKEEPING_BATCH),
  };
}
