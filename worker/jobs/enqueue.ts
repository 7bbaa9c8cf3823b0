import { type Clock, createClock } from '../lib/clock';
import { MAX_DELAY_SECONDS, queueDelaySeconds } from './actions';
import type { SyncMessage } from './messages';

/** Queues accept at most 100 messages per sendBatch call. */
const SEND_BATCH = 100;
/** A connect may start this many backfill chunks at once; the rest follow in waves. */
export const BACKFILL_BURST = 20;
export const BACKFILL_WAVE_SECONDS = 60;

/**
 * Spreads one tenant's backfill over time: a tenant connecting thousands of accounts gets
 * BACKFILL_BURST chunks a minute instead of a wall of messages in front of everyone else's.
 */
export function backfillDelaySeconds(index: number): number {
  return Math.min(MAX_DELAY_SECONDS, Math.floor(index / BACKFILL_BURST) * BACKFILL_WAVE_SECONDS);
}

type Queues = Pick<Env, 'SYNC_QUEUE' | 'BACKFILL_QUEUE'>;

/**
 * The one conversion of a delay in the pipeline's time (simulated under a time scale) into the
 * real seconds a queue waits: divided by the clock's speed, rounded up, clamped to what Queues accept.
 */
export function realQueueDelay(clock: Clock, simSeconds: number): number {
  return queueDelaySeconds(clock.realDelaySeconds(queueDelaySeconds(simSeconds)));
}

/**
 * Sends sync messages to their queue: backfills to their own queue and consumer, so history
 * never delays the 15-minute hot lane; everything else to the sync queue. Delays are clamped to
 * what the queue accepts (a budget's wait can be longer than 12 hours). Delays are in the clock's
 * time and reach the queue through realQueueDelay.
 */
export async function enqueueSyncs(queues: Queues, messages: SyncMessage[], delaySeconds = 0, clock: Clock = createClock()): Promise<void> {
  const backfill = messages.filter((m) => m.lane === 'backfill');
  const rest = messages.filter((m) => m.lane !== 'backfill');
  const spread = backfill.map((body, i) => ({
    body,
    contentType: 'json' as const,
    delaySeconds: realQueueDelay(clock, Math.max(delaySeconds, backfillDelaySeconds(i))),
  }));
  const now = rest.map((body) => ({ body, contentType: 'json' as const, delaySeconds: realQueueDelay(clock, delaySeconds) }));
  for (let i = 0; i < spread.length; i += SEND_BATCH) await queues.BACKFILL_QUEUE.sendBatch(spread.slice(i, i + SEND_BATCH));
  for (let i = 0; i < now.length; i += SEND_BATCH) await queues.SYNC_QUEUE.sendBatch(now.slice(i, i + SEND_BATCH));
}
