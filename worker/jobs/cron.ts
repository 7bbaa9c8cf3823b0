import { createDb, type Database } from '../../db/client';
import { listBackfillProgressAcrossTenants, listSyncTargetsAcrossTenants } from '../../db/queries/fleet';
import { loggableErrorMessage } from '../../db/query-errors';
import { importTokenKeyring } from '../auth/token-crypto';
import { type Config, readConfig, settlingDays, tokenKeys } from '../env';
import { clockOf } from '../lib/clock';
import { traceSlots } from '../observability/cron-telemetry';
import { recordFleetTelemetry } from '../observability/fleet-snapshot';
import { createTelemetry } from '../observability/telemetry';
import { restartStalledBackfill } from './backfill';
import { enqueueSyncs } from './enqueue';
import { interleaveByTenant } from './fairness';
import { isHousekeepingSlot, runHousekeeping } from './housekeeping';
import type { SyncMessage } from './messages';
import { laneForCron, planSyncMessage } from './plan';

/**
 * Decides what is due and enqueues it; never calls an ad platform itself.
 * Returns the messages it sent (for logs and tests).
 */
export async function runCron(cron: string, now: Date, env: Env, ctx: ExecutionContext): Promise<SyncMessage[]> {
  const config = readConfig(env);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  const telemetry = createTelemetry(config);
  try {
    const lane = laneForCron(cron);
    const targets = interleaveByTenant(await listSyncTargetsAcrossTenants(db));
    const messages = targets.map((target) => planSyncMessage(lane, target, now, settlingDays(config)));
    // Nightly housekeeping: backfills whose messages were lost (e.g. a failed enqueue at connect).
    const restarts =
      lane === 'settling' ? (await listBackfillProgressAcrossTenants(db)).flatMap((p) => restartStalledBackfill(p, now)) : [];
    const slots = traceSlots(telemetry, cron, [...messages, ...restarts]);
    await enqueueSyncs(env, slots.messages, 0, clockOf(config));
    slots.end();
    console.log(JSON.stringify({ level: 'info', event: 'cron', cron, lane, enqueued: messages.length, backfillRestarts: restarts.length }));
    telemetry.count('tidemark.cron.enqueued', slots.messages.length, { lane });
    await recordFleetTelemetry(telemetry, db, targets, now);
    if (isHousekeepingSlot(cron, now)) await housekeeping(db, config);
    return slots.messages;
  } finally {
    ctx.waitUntil(close());
    ctx.waitUntil(telemetry.flush());
  }
}

/** Hourly purge of expired sessions and stale throttle counters, and the token re-encryption sweep; a failure is logged and never fails the cron. */
async function housekeeping(db: Database, config: Config): Promise<void> {
  try {
    const purged = await runHousekeeping(db, new Date(), await importTokenKeyring(tokenKeys(config)));
    console.log(JSON.stringify({ level: 'info', event: 'housekeeping', purged }));
  } catch (error) {
    console.warn(JSON.stringify({ level: 'warn', event: 'housekeeping failed', error: loggableErrorMessage(error) }));
  }
}
