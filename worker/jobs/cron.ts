import { createDb } from '../../db/client';
import { listBackfillProgressAcrossTenants, listSyncTargetsAcrossTenants } from '../../db/queries/fleet';
import { readConfig, settlingDays } from '../env';
import { clockOf } from '../lib/clock';
import { restartStalledBackfill } from './backfill';
import { enqueueSyncs } from './enqueue';
import { interleaveByTenant } from './fairness';
import type { SyncMessage } from './messages';
import { laneForCron, planSyncMessage } from './plan';

/**
 * Decides what is due and enqueues it; never calls an ad platform itself.
 * Returns the messages it sent (for logs and tests).
 */
export async function runCron(cron: string, now: Date, env: Env, ctx: ExecutionContext): Promise<SyncMessage[]> {
  const config = readConfig(env);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  try {
    const lane = laneForCron(cron);
    const targets = interleaveByTenant(await listSyncTargetsAcrossTenants(db));
    const messages = targets.map((target) => planSyncMessage(lane, target, now, settlingDays(config)));
    // Nightly housekeeping: backfills whose messages were lost (e.g. a failed enqueue at connect).
    const restarts =
      lane === 'settling' ? (await listBackfillProgressAcrossTenants(db)).flatMap((p) => restartStalledBackfill(p, now)) : [];
    await enqueueSyncs(env, [...messages, ...restarts], 0, clockOf(config));
    console.log(JSON.stringify({ level: 'info', event: 'cron', cron, lane, enqueued: messages.length, backfillRestarts: restarts.length }));
    return [...messages, ...restarts];
  } finally {
    ctx.waitUntil(close());
  }
}
