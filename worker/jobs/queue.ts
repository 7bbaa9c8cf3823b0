import { createDb, type Database } from '../../db/client';
import { recordDeadLetter } from '../../db/queries/fleet';
import { loggableErrorMessage } from '../../db/query-errors';
import { importTokenKeyring } from '../auth/token-crypto';
import { readConfig, tokenKeys } from '../env';
import { type Clock, clockOf } from '../lib/clock';
import { createTelemetry, type Telemetry } from '../observability/telemetry';
import { consumeWebhookBatch, enqueueWebhookEvents } from '../webhooks/queue';
import { backoffSeconds, planDeferral } from './actions';
import { handleConcurrently } from './concurrent-batch';
import { enqueueSyncs, realQueueDelay } from './enqueue';
import { continuationOf, jobMessage } from './messages';
import { runSyncJob, type SyncDeps } from './sync';
import { createSyncDeps } from './sync-deps';

/**
 * The last-resort queue (wrangler.toml): dead letters the dead-letter consumer could not park.
 * On this delivery it stops retrying and writes the whole message to the error log instead,
 * before the queue (which has no further dead-letter queue) would drop it.
 */
export const LAST_RESORT_MAX_ATTEMPTS = 12;
const LAST_RESORT_RETRY_SECONDS = 60 * 60;

/** Consumer of the sync and backfill queues, the dead-letter queue and its last-resort queue. */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = readConfig(env);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  const telemetry = createTelemetry(config);
  try {
    if (batch.queue.endsWith('-dlq-last')) {
      await parkLastResort(batch, db);
      return;
    }
    if (batch.queue.endsWith('-dlq')) {
      await parkDeadLetters(batch, db, telemetry);
      return;
    }
    if (batch.queue.endsWith('-webhooks')) {
      const now = () => clockOf(config).now();
      await consumeWebhookBatch(batch, {
        db,
        keyring: await importTokenKeyring(tokenKeys(config)),
        fetch: (i, init) => fetch(i, init),
        now,
      });
      return;
    }
    const deps = { ...(await createSyncDeps(env, db, config)), telemetry };
    const clock = clockOf(config);
    await handleConcurrently(
      batch.messages,
      (message) => handle(message, batch.queue, env, deps, clock),
      (message, error) => {
        log('error', 'queue message handler failed', { id: message.id, error: loggableErrorMessage(error) });
        message.retry({ delaySeconds: realQueueDelay(clock, backoffSeconds(message.attempts)) });
      },
    );
  } finally {
    ctx.waitUntil(close());
    ctx.waitUntil(telemetry.flush());
  }
}

async function handle(message: Message<unknown>, queue: string, env: Env, deps: SyncDeps, clock: Clock): Promise<void> {
  const parsed = jobMessage.safeParse(message.body);
  if (!parsed.success) {
    // A malformed message can never succeed: retrying it would only clog the queue. It is parked
    // for inspection; the re-drive refuses it because it still does not parse.
    log('warn', 'parked malformed queue message', { id: message.id, issues: parsed.error.issues.map((i) => i.message) });
    deps.telemetry?.count('tidemark.dead_letters.parked', 1, { queue, reason: 'malformed' });
    await deadLetter(message, queue, deps.db);
    return;
  }
  const job = parsed.data;
  try {
    const summary = await runSyncJob(job, message.attempts, deps);
    await enqueueWebhookEvents(env.WEBHOOK_QUEUE, job.tenantId, summary.webhookEventIds ?? []);
    const action = summary.action;
    log('info', 'sync', {
      tenantId: job.tenantId,
      adAccountId: job.adAccountId,
      lane: job.lane,
      from: job.from,
      to: job.to,
      action: action.kind,
      deferrals: job.deferrals,
      rows: summary.rows,
      apiCalls: summary.apiCalls,
    });
    if (action.kind === 'retry') {
      message.retry({ delaySeconds: realQueueDelay(clock, action.delaySeconds) });
      return;
    }
    if (action.kind === 'defer') {
      if (action.reason === 'continuation') {
        await enqueueSyncs(env, [continuationOf(job, action.cursor, 'progress')], action.delaySeconds, clock);
      } else {
        const plan = planDeferral(job.deferrals, action.delaySeconds);
        if (plan.kind === 'dead_letter') {
          log('warn', 'sync deferred too often', { tenantId: job.tenantId, adAccountId: job.adAccountId, deferrals: job.deferrals });
          deps.telemetry?.count('tidemark.dead_letters.parked', 1, { queue, reason: 'deferred_too_often' });
          await deadLetter(message, queue, deps.db);
          return;
        }
        await enqueueSyncs(env, [continuationOf(job, action.cursor, 'throttled')], plan.delaySeconds, clock);
      }
    }
    message.ack();
  } catch (error) {
    log('error', 'sync crashed', { tenantId: job.tenantId, adAccountId: job.adAccountId, error: loggableErrorMessage(error) });
    message.retry({ delaySeconds: realQueueDelay(clock, backoffSeconds(message.attempts)) });
  }
}

/** Parks a message that will never succeed as it is; acked once it is safely in Postgres. */
async function deadLetter(message: Message<unknown>, queue: string, db: Database, unparked = retryParkingLater): Promise<void> {
  try {
    await recordDeadLetter(db, { messageId: message.id, queue, body: message.body ?? null, attempts: message.attempts });
    message.ack();
  } catch (error) {
    unparked(message, queue, error as Error);
  }
}

function retryParkingLater(message: Message<unknown>, _queue: string, error: Error): void {
  log('error', 'could not park dead letter', { id: message.id, error: loggableErrorMessage(error) });
  message.retry({ delaySeconds: backoffSeconds(message.attempts) });
}

/**
 * Messages that used up their retries: kept in Postgres for the pipeline page and re-drive. A
 * message that cannot be parked is retried (wrangler.toml bounds that), then moves on to the
 * last-resort queue.
 */
async function parkDeadLetters(batch: MessageBatch<unknown>, db: Database, telemetry: Telemetry): Promise<void> {
  telemetry.count('tidemark.dead_letters.parked', batch.messages.length, { queue: batch.queue, reason: 'retries_exhausted' });
  for (const message of batch.messages) await deadLetter(message, batch.queue, db);
}

/** The same as parkDeadLetters with long waits, and the error log as the final record. */
async function parkLastResort(batch: MessageBatch<unknown>, db: Database): Promise<void> {
  for (const message of batch.messages) await deadLetter(message, batch.queue, db, retryOrLogWhole);
}

function retryOrLogWhole(message: Message<unknown>, queue: string, error: Error): void {
  if (message.attempts < LAST_RESORT_MAX_ATTEMPTS) {
    log('warn', 'could not park dead letter, retrying', { id: message.id, attempts: message.attempts, error: loggableErrorMessage(error) });
    message.retry({ delaySeconds: LAST_RESORT_RETRY_SECONDS });
    return;
  }
  // Nothing is left to try: the log line is the record of the message, body and all.
  log('error', 'dead letter lost to postgres, full message follows', {
    id: message.id,
    queue,
    attempts: message.attempts,
    body: message.body,
    error: loggableErrorMessage(error),
  });
  message.ack();
}

function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown>): void {
  console[level === 'info' ? 'log' : level](JSON.stringify({ level, event, ...fields }));
}
