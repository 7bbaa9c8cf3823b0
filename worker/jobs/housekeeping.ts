import { type Database, forEachTenant } from '../../db/database';
import { listActiveTenantsAcrossTenants } from '../../db/queries/fleet';
import { purgeExpiredSessions, purgeFinishedLinks, purgeStaleLoginThrottles } from '../../db/queries/housekeeping';
import { purgeDispatchedEvents } from '../../db/queries/webhooks';
import type { TokenKeyring } from '../auth/token-crypto';
import { laneForCron } from './plan';
import { type ReencryptResult, reencryptStaleTokens } from './reencrypt-tokens';

/** Rows each purge deletes at most per run: an hour's new sessions and failed sign-ins fit many times over. */
export const HOUSEKEEPING_BATCH = 2000;
/** Connections re-encrypted at most per run (each is a decrypt, an encrypt and an update). */
export const TOKEN_SWEEP_BATCH = 200;

/** Housekeeping runs on the first hot-lane slot of each hour (minute 0 to 14 of the slot time). */
export function isHousekeepingSlot(cron: string, slot: Date): boolean {
  return laneForCron(cron) === 'hot' && slot.getUTCMinutes() < 15;
}

export interface HousekeepingResult {
  sessions: number;
  loginThrottles: number;
  tokens: ReencryptResult;
  webhookEvents: number;
  finishedLinks: { invitations: number; passwordResets: number };
}

/** Dispatched webhook events are kept this long (a receiver's support question is about the last days). */
export const WEBHOOK_EVENT_RETENTION_MS = 7 * 86_400_000;

/**
 * Purges expired sessions, stale login-throttle counters, week-old dispatched webhook events and
 * invitations and reset links finished a month ago, and re-encrypts token ciphertexts left
 * under a previous key, a bounded batch of each. `now` is the wall clock: sessions and throttles are
 * stamped in real time even when the benchmark compresses time.
 */
export async function runHousekeeping(db: Database, now: Date, tokenKeys: TokenKeyring): Promise<HousekeepingResult> {
  return {
    sessions: await purgeExpiredSessions(db, now, HOUSEKEEPING_BATCH),
    loginThrottles: await purgeStaleLoginThrottles(db, now, HOUSEKEEPING_BATCH),
    tokens: await reencryptStaleTokens(db, tokenKeys, TOKEN_SWEEP_BATCH),
    webhookEvents: await purgeWebhookEvents(db, new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_MS)),
    finishedLinks: await purgeFinishedLinks(db, now, HOUSEKEEPING_BATCH),
  };
}

async function purgeWebhookEvents(db: Database, before: Date): Promise<number> {
  const tenants = await listActiveTenantsAcrossTenants(db);
  const purged = await forEachTenant(
    db,
    tenants.map((t) => t.id),
    (tx) => purgeDispatchedEvents(tx, before, HOUSEKEEPING_BATCH),
  );
  return purged.reduce((sum, n) => sum + n, 0);
}
