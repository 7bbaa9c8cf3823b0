import type { SyncTarget } from '../../db/queries/fleet';
import type { SyncLane } from '../../db/schema/enum-values';
import type { SyncMessage } from './messages';
import { hotWindow, type SettlingDays, settlingWindow } from './windows';

/** The nightly trigger in wrangler.toml; every other trigger runs the hot lane. */
export const NIGHTLY_CRON = '30 2 * * *';

export type { SyncTarget };

export function laneForCron(cron: string): Extract<SyncLane, 'hot' | 'settling'> {
  return cron === NIGHTLY_CRON ? 'settling' : 'hot';
}

/** The message a cron run enqueues for one ad account. */
export function planSyncMessage(lane: 'hot' | 'settling', target: SyncTarget, now: Date, settlingDays: SettlingDays): SyncMessage {
  const window = lane === 'hot' ? hotWindow(now, target.timeZone) : settlingWindow(now, target.timeZone, settlingDays[target.platform]);
  return {
    kind: 'sync',
    tenantId: target.tenantId,
    adAccountId: target.adAccountId,
    lane,
    ...window,
    cursor: null,
    enqueuedAt: now.toISOString(),
    deferrals: 0,
  };
}
