import type { Platform } from '../../db/schema/enum-values';
import { addDays, localToday } from '../lib/dates';
import type { SyncMessage } from './messages';
import { backfillChunks, type DateWindow } from './windows';

export const DEFAULT_BACKFILL_DAYS = 90;

/** How far back each platform serves history (Meta: 37 months; Google: ~37 months; LinkedIn: 10 years). */
export const MAX_BACKFILL_DAYS: Record<Platform, number> = { meta: 1125, google_ads: 1110, linkedin: 3650 };

/** One message per chunk: a month of daily rows is one request on every platform. */
export const BACKFILL_CHUNK_DAYS = 30;

/** The history window to backfill for an account, clamped to what the platform keeps. */
export function backfillWindow(platform: Platform, timeZone: string, now: Date, requestedDays = DEFAULT_BACKFILL_DAYS): DateWindow {
  const days = Math.max(1, Math.min(Math.floor(requestedDays), MAX_BACKFILL_DAYS[platform]));
  const today = localToday(timeZone, now);
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The backfill messages for one account, newest chunk first. */
export function planBackfill(target: { tenantId: string; adAccountId: string }, window: DateWindow, now: Date): SyncMessage[] {
  return planChunks('backfill', target, window, now);
}

/**
 * An operator's sync of a date range, in the same chunks as a backfill: one message never holds
 * more than a month of work, however long the range.
 */
export function planManualSync(target: { tenantId: string; adAccountId: string }, window: DateWindow, now: Date): SyncMessage[] {
  return planChunks('manual', target, window, now);
}

function planChunks(
  lane: 'backfill' | 'manual',
  target: { tenantId: string; adAccountId: string },
  window: DateWindow,
  now: Date,
): SyncMessage[] {
  return backfillChunks(window, BACKFILL_CHUNK_DAYS).map((chunk) => ({
    kind: 'sync',
    tenantId: target.tenantId,
    adAccountId: target.adAccountId,
    lane,
    from: chunk.from,
    to: chunk.to,
    cursor: null,
    enqueuedAt: now.toISOString(),
    deferrals: 0,
  }));
}

/**
 * How long an unfinished backfill may go without any backfill run before the nightly cron
 * restarts it. A connect spreads its chunks over at most 12 hours (the queue's longest delay) and
 * a throttled chunk waits at most 12 hours per deferral, so a day of silence means the messages
 * are gone (a failed enqueue at connect, a lost message), not queued.
 */
export const BACKFILL_STALL_HOURS = 24;

/** What the cron knows about one account's backfill. */
export interface BackfillProgress {
  tenantId: string;
  adAccountId: string;
  /** The requested window and when it was requested (ad_accounts.backfill_state). */
  from?: string;
  to?: string;
  requestedAt?: string;
  /** Windows that finished ok since the request. */
  doneWindows: DateWindow[];
  /** The latest start of any backfill run since the request, if any. */
  lastRunAt: Date | null;
}

/**
 * The chunks to enqueue again for a stalled backfill, or none. A backfill is stalled when it was
 * requested, some of its chunks have not finished ok since, and neither the request nor any
 * backfill run of the account is more recent than BACKFILL_STALL_HOURS. Only the missing chunks
 * are planned; they keep the original request so progress still counts from it.
 */
export function restartStalledBackfill(progress: BackfillProgress, now: Date): SyncMessage[] {
  const { from, to, requestedAt } = progress;
  if (!from || !to || !requestedAt) return [];
  const lastActivity = Math.max(Date.parse(requestedAt), progress.lastRunAt?.getTime() ?? 0);
  if (now.getTime() - lastActivity < BACKFILL_STALL_HOURS * 3_600_000) return [];
  const done = new Set(progress.doneWindows.map((w) => `${w.from}/${w.to}`));
  return planBackfill(progress, { from, to }, now).filter((m) => !done.has(`${m.from}/${m.to}`));
}
