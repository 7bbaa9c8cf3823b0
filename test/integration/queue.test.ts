import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../db/database';
import worker from '../../worker/index';
import { MAX_DEFERRALS } from '../../worker/jobs/actions';
import { BACKFILL_CHUNK_DAYS, BACKFILL_STALL_HOURS } from '../../worker/jobs/backfill';
import { runCron } from '../../worker/jobs/cron';
import type { SyncMessage } from '../../worker/jobs/messages';
import { LAST_RESORT_MAX_ATTEMPTS } from '../../worker/jobs/queue';
import { connectedTenant, control, deliver, eventually, injectFault, syncMessage, syncOutcomes } from './pipeline-support';
import { closeWhenIdle, postJson, superDb, testEnv } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));
afterEach(async () => {
  vi.restoreAllMocks();
  await control('/faults', { method: 'DELETE' });
});

const operator = { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` };
const uniqueId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

async function parkedLetters(messageIds: string[]) {
  return rowsOf<{ id: string; messageId: string; queue: string; body: unknown; redriven: boolean }>(
    await arranged.db.execute(sql`select id, message_id as "messageId", queue, body, redriven_at is not null as redriven
      from dead_letters where message_id in ${messageIds} order by message_id`),
  );
}

/** The queue handler with Postgres refusing every connection (a wrong password): an outage. */
async function deliverDuringOutage(queue: string, body: unknown, attempts: number) {
  const url = new URL(testEnv.DATABASE_URL);
  url.password = 'not-the-password';
  const batch = createMessageBatch(queue, [{ id: uniqueId('outage'), timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<SyncMessage>, { ...env, DATABASE_URL: url.toString() } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

describe('deferrals', () => {
  it('parks a slot in the dead letters when it is throttled again after the maximum number of deferrals', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'demo', { ip: '198.51.100.161' });
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    await injectFault('meta', account!.externalId, 'rate_limit', 5);
    const id = uniqueId('deferred');
    const body = { ...syncMessage(tenant.tenantId, account!.id, to, to), deferrals: MAX_DEFERRALS };
    const result = await deliver('tidemark-sync', [body], { ids: [id] });
    expect(result.explicitAcks).toEqual([id]);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['rate_limited']);
    expect(await parkedLetters([id])).toEqual([
      { id: expect.any(String), messageId: id, queue: 'tidemark-sync', body: { ...body, deferrals: MAX_DEFERRALS }, redriven: false },
    ]);
  });
});

describe('dead letters', () => {
  it('parks malformed messages as dead letters, which the re-drive refuses with the reason and leaves parked', async () => {
    const ids = [uniqueId('malformed-a'), uniqueId('malformed-b')];
    const result = await deliver('tidemark-sync', [{ kind: 'nonsense' }, 'not even an object'], { ids });
    expect([...result.explicitAcks].sort()).toEqual([...ids].sort());
    const parked = await parkedLetters(ids);
    expect(parked.map((p) => [p.messageId, p.body])).toEqual(
      [
        [ids[0], { kind: 'nonsense' }],
        [ids[1], 'not even an object'],
      ].sort(),
    );
    const redrive = await postJson('/api/ops/dead-letters/redrive', { ids: parked.map((p) => p.id) }, operator);
    const answer = (await redrive.json()) as { redriven: number; skippedInvalid: number; refused: Array<{ id: string; reason: string }> };
    expect(answer).toMatchObject({ redriven: 0, skippedInvalid: 2 });
    expect(answer.refused.map((r) => r.id).sort()).toEqual(parked.map((p) => p.id).sort());
    expect(answer.refused.every((r) => r.reason.startsWith('not a valid sync message'))).toBe(true);
    expect((await parkedLetters(ids)).map((p) => p.redriven)).toEqual([false, false]);
  });

  it('leaves a dead letter parked when its re-drive cannot be enqueued', async () => {
    const tenantId = crypto.randomUUID();
    // A resume cursor beyond the queue's 128 KB message limit: the send is refused.
    const body = { ...syncMessage(tenantId, crypto.randomUUID(), '2026-11-01', '2026-11-02'), cursor: 'x'.repeat(130_000) };
    const id = uniqueId('too-big');
    expect((await deliver('tidemark-sync-dlq', [body], { ids: [id], attempts: 6 })).explicitAcks).toEqual([id]);
    const [parked] = await parkedLetters([id]);
    const redrive = await postJson('/api/ops/dead-letters/redrive', { ids: [parked!.id] }, operator);
    expect(redrive.status).toBeGreaterThanOrEqual(500);
    expect((await parkedLetters([id])).map((p) => p.redriven)).toEqual([false]);
  });

  it('retries a dead letter it cannot park while Postgres is down instead of failing the batch', async () => {
    const result = await deliverDuringOutage(
      'tidemark-sync-dlq',
      syncMessage(crypto.randomUUID(), crypto.randomUUID(), '2026-11-01', '2026-11-02'),
      3,
    );
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toEqual([]);
  });

  it('parks what reaches the last-resort queue like any dead letter', async () => {
    const id = uniqueId('last-resort');
    const body = syncMessage(crypto.randomUUID(), crypto.randomUUID(), '2026-11-01', '2026-11-02');
    expect((await deliver('tidemark-sync-dlq-last', [body], { ids: [id], attempts: 1 })).explicitAcks).toEqual([id]);
    expect((await parkedLetters([id])).map((p) => [p.queue, p.body])).toEqual([['tidemark-sync-dlq-last', body]]);
  });

  it('keeps retrying on the last-resort queue during an outage, and on its last attempt logs the whole message before acking', async () => {
    const body = syncMessage(crypto.randomUUID(), crypto.randomUUID(), '2026-11-01', '2026-11-02');
    const early = await deliverDuringOutage('tidemark-sync-dlq-last', body, 1);
    expect(early.retryMessages).toHaveLength(1);

    const errors = vi.spyOn(console, 'error');
    const last = await deliverDuringOutage('tidemark-sync-dlq-last', body, LAST_RESORT_MAX_ATTEMPTS);
    expect(last.explicitAcks).toHaveLength(1);
    expect(last.retryMessages).toHaveLength(0);
    const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)) as { level: string; body?: unknown });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', body }));
  });
});

describe('operator sync', () => {
  it('splits a long manual range into backfill-sized messages covering every day once', async () => {
    const tenant = await connectedTenant(arranged.db, 'google_ads', 'partner-a', { ip: '198.51.100.162' });
    const response = await postJson('/api/ops/sync', { tenant: tenant.tenantId, from: '2026-09-01', to: '2026-11-29' }, operator);
    expect(response.status).toBe(202);
    const { messages } = (await response.json()) as { messages: SyncMessage[] };
    const days = (m: SyncMessage) => (Date.parse(m.to) - Date.parse(m.from)) / 86_400_000 + 1;
    expect(messages.every((m) => m.lane === 'manual' && days(m) <= BACKFILL_CHUNK_DAYS)).toBe(true);
    expect(messages.length).toBe(3 * tenant.accounts.length);
    for (const account of tenant.accounts) {
      const own = messages.filter((m) => m.adAccountId === account.id);
      expect(own.reduce((sum, m) => sum + days(m), 0)).toBe(90);
    }
  });
});

describe('stalled backfills', () => {
  it('restarts on the nightly run only the missing chunks of a backfill that has been quiet for the stall period', async () => {
    const tenant = await connectedTenant(arranged.db, 'google_ads', 'partner-b', { ip: '198.51.100.163' });
    const [stalled] = tenant.accounts;
    const { to } = stalled!.backfillState as { to: string };
    const day = (offset: number) => new Date(Date.parse(`${to}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    // Two chunks were requested three days ago; the newer finished, the older's message was lost.
    const quiet = new Date(Date.now() - (BACKFILL_STALL_HOURS + 6) * 3_600_000).toISOString();
    const requestedAt = new Date(Date.now() - 72 * 3_600_000).toISOString();
    await arranged.db.execute(sql`update ad_accounts set backfill_state = backfill_state
      || jsonb_build_object('from', ${day(-59)}::text, 'windowsTotal', 2, 'requestedAt', ${requestedAt}::text) where id = ${stalled!.id}`);
    await arranged.db.execute(sql`update sync_runs set started_at = ${quiet}, window_from = ${day(-29)}, window_to = ${to}
      where ad_account_id = ${stalled!.id} and lane = 'backfill'`);

    const hot = createExecutionContext();
    const hourly = await runCron('*/15 * * * *', new Date(), env, hot);
    await waitOnExecutionContext(hot);
    expect(hourly.filter((m) => m.tenantId === tenant.tenantId && m.lane === 'backfill')).toEqual([]);

    const ctx = createExecutionContext();
    const messages = await runCron('30 2 * * *', new Date(), env, ctx);
    await waitOnExecutionContext(ctx);
    const restarted = messages.filter((m) => m.tenantId === tenant.tenantId && m.lane === 'backfill');
    expect(restarted.map((m) => [m.adAccountId, m.from, m.to])).toEqual([[stalled!.id, day(-59), day(-30)]]);
    await eventually(
      () => syncOutcomes(arranged.db, tenant.tenantId, 'backfill'),
      (runs) => runs.some((r) => r.adAccountId === stalled!.id && r.windowFrom === day(-59) && r.outcome === 'ok'),
    );
  });
});
