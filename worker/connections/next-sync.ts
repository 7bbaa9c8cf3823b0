import { LAG_TARGET_MINUTES, type Lag, lagOf } from '../read-models/pipeline-status';
import type { ConnectionHealth } from './health';
import type { SyncState } from './sync-state';

/**
 * When an account's data will next be refreshed, as the Connections page says it: the hot lane's
 * cron runs every 15 minutes on the quarter hour (wrangler.toml `*\/15 * * * *`), so the next slot is
 * the next quarter hour; an account that is paused, cut off or refused by the platform has none.
 * Pure: the card's facts and the clock in, one answer out.
 */
export type SyncSchedule =
  | { state: 'scheduled'; nextSyncAt: string; lag: Lag }
  | { state: 'paused' | 'disconnected' | 'needs_reauth' | 'failing'; nextSyncAt: null; lag: Lag };

const SLOT_MS = LAG_TARGET_MINUTES * 60_000;

/** The first quarter hour strictly after `now` (a slot that starts now is already running). */
export function nextSlot(now: Date): Date {
  return new Date((Math.floor(now.getTime() / SLOT_MS) + 1) * SLOT_MS);
}

export interface ScheduleFacts {
  enabled: boolean;
  connectionId: string | null;
  connectionHealth: ConnectionHealth;
  syncState: SyncState;
  lastSyncedAt: Date | string | null;
}

export function syncSchedule(facts: ScheduleFacts, now: Date): SyncSchedule {
  const lastSyncedAt = facts.lastSyncedAt === null ? null : new Date(facts.lastSyncedAt);
  const lag = lagOf(lastSyncedAt, now);
  const unmeasured = { minutes: null, behindTargetMinutes: null };
  if (facts.connectionId === null) return { state: 'disconnected', nextSyncAt: null, lag: unmeasured };
  if (facts.connectionHealth.state === 'needs_reauth') return { state: 'needs_reauth', nextSyncAt: null, lag: unmeasured };
  if (facts.syncState.state === 'failing') return { state: 'failing', nextSyncAt: null, lag: unmeasured };
  // Paused accounts keep their lag: the data shown is that old, whatever the reason.
  if (!facts.enabled) return { state: 'paused', nextSyncAt: null, lag };
  return { state: 'scheduled', nextSyncAt: nextSlot(now).toISOString(), lag };
}
