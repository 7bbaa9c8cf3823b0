import type { SyncSchedule } from '$worker/connections/next-sync';
import { LAG_TARGET_MINUTES, LAGGING_AFTER_MINUTES } from '$worker/read-models/pipeline-status';

export interface ScheduleLines {
  /** "Next sync in 8 min", or why there is none. */
  next: string;
  /** "Data 22 min old (target 15 min)"; null when the lag is not measured. */
  lag: string | null;
  /** Two missed slots or more: the pipeline-health view's "lagging". */
  lagging: boolean;
}

const NO_NEXT_SYNC: Record<Exclude<SyncSchedule['state'], 'scheduled'>, string> = {
  paused: 'Sync paused: no sync is scheduled.',
  disconnected: 'No sync until the platform is connected again.',
  needs_reauth: 'No sync until the account is reconnected.',
  failing: 'No sync while the platform refuses this account.',
};

function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}

/** The Connections card's two schedule lines, as of `now`. */
export function scheduleLines(schedule: SyncSchedule, now: Date): ScheduleLines {
  const { minutes } = schedule.lag;
  const lag = minutes === null ? null : `Data ${minutesText(minutes)} old (target ${LAG_TARGET_MINUTES} min)`;
  const lagging = minutes !== null && minutes > LAGGING_AFTER_MINUTES;
  if (schedule.state !== 'scheduled') return { next: NO_NEXT_SYNC[schedule.state], lag, lagging };
  const inMinutes = Math.max(0, Math.ceil((new Date(schedule.nextSyncAt).getTime() - now.getTime()) / 60_000));
  return { next: inMinutes <= 0 ? 'Next sync starting now' : `Next sync in ${minutesText(inMinutes)}`, lag, lagging };
}
