import { createDb, type Database } from '../../db/client';
import { listActiveTenantsAcrossTenants, listBackfillProgressAcrossTenants, listSyncTargetsAcrossTenants } from '../../db/queries/fleet';
import { loggableErrorMessage } from '../../db/query-errors';
import { importTokenKeyring } from '../auth/token-crypto';
import { domainDeps } from '../domains/config';
import { checkPendingDomains, type DomainDeps } from '../domains/register';
import { type Config, readConfig, settlingDays, tokenKeys } from '../env';
import { runFxLoad } from '../fx/load';
import { clockOf } from '../lib/clock';
import { traceSlots } from '../observability/cron-telemetry';
import { recordFleetTelemetry } from '../observability/fleet-snapshot';
import { createTelemetry } from '../observability/telemetry';
import { sweepUndispatchedEvents } from '../webhooks/queue';
import { restartStalledBackfill } from './backfill';
import { enqueueSyncs } from './enqueue';
import { interleaveByTenant } from './fairness';
import { isHousekeepingSlot, runHousekeeping } from './housekeeping';
import type { SyncMessage } from './messages';
import { laneForCron, planSyncMessage } from './plan';

/** Pending custom hostnames of every active tenant, each asked about at most every 5 minutes; never fails the cron. */
async function checkCustomDomains(deps: DomainDeps): Promise<void> {
  if (!deps.cloudflare) return;
  try {
    const tenantIds = (await listActiveTenantsAcrossTenants(deps.db)).map((t) => t.id);
    const { checked, verified } = await checkPendingDomains(deps, tenantIds, { minAgeMs: 5 * 60_000, limit: 5 });
    if (checked) console.log(JSON.stringify({ level: 'info', event: 'custom-domains-checked', checked, verified }));
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', event: 'custom-domains-check-failed', message: (error as Error).message }));
  }
}

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
    if (lane === 'hot') {
      await checkCustomDomains(domainDeps(config, db, () => now));
      await sweepUndispatchedEvents(db, env.WEBHOOK_QUEUE, now);
    }
    if (isHousekeepingSlot(cron, now)) {
      await housekeeping(db, config);
      // Daily FX reference rates: asked for hourly until the day's rates are out; a failure is logged, not thrown.
      await runFxLoad(db, { baseUrl: config.FX_RATES_BASE, fetch: (input, init) => fetch(input, init), now });
    }
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
