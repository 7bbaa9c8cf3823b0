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
