import { createDb, type Database } from '../../db/client';
import { recordDeadLetter } from '../../db/queries/fleet';
import { readConfig } from '../env';
import { backoffSeconds } from './actions';
import { enqueueSyncs } from './enqueue';
import { continuationOf, jobMessage } from './messages';
import { runSyncJob, type SyncDeps } from './sync';
import { createSyncDeps } from './sync-deps';

/** Consumer of the sync queue and its dead-letter queue. */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = readConfig(env);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  try {
    if (batch.queue.endsWith('-dlq')) {
      await parkDeadLetters(batch, db);
      return;
    }
    const deps = await createSyncDeps(env, db, config);
    for (const message of batch.messages) await handle(message, env, deps);
  } finally {
    ctx.waitUntil(close());
  }
}

async function handle(message: Message<unknown>, env: Env, deps: SyncDeps): Promise<void> {
  const parsed = jobMessage.safeParse(message.body);
  if (!parsed.success) {
    // A malformed message can never succeed: retrying it would only clog the queue.
    log('warn', 'dropped malformed queue message', { id: message.id, issues: parsed.error.issues.map((i) => i.message) });
    message.ack();
    return;
  }
  const job = parsed.data;
  try {
    const summary = await runSyncJob(job, message.attempts, deps);
    const action = summary.action;
    log('info', 'sync', {
      tenantId: job.tenantId,
      adAccountId: job.adAccountId,
      lane: job.lane,
      from: job.from,
      to: job.to,
      action: action.kind,
      rows: summary.rows,
      apiCalls: summary.apiCalls,
    });
    if (action.kind === 'retry') {
      message.retry({ delaySeconds: action.delaySeconds });
      return;
    }
    if (action.kind === 'defer') {
      await enqueueSyncs(env, [continuationOf(job, action.cursor)], action.delaySeconds);
    }
    message.ack();
  } catch (error) {
    log('error', 'sync crashed', { tenantId: job.tenantId, adAccountId: job.adAccountId, error: (error as Error).message });
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

/** Messages that used up their retries: kept in Postgres for the pipeline page and re-drive. */
async function parkDeadLetters(batch: MessageBatch<unknown>, db: Database): Promise<void> {
  for (const message of batch.messages) {
    await recordDeadLetter(db, { messageId: message.id, queue: batch.queue, body: message.body, attempts: message.attempts });
    message.ack();
  }
}

function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown>): void {
  console[level === 'info' ? 'log' : level](JSON.stringify({ level, event, ...fields }));
}
