import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import type { Platform } from '../../db/schema/enum-values';
import worker from '../../worker/index';
import { runCron } from '../../worker/jobs/cron';
import type { SyncMessage } from '../../worker/jobs/messages';
import {
  chooseMember,
  connectThroughOAuth,
  control,
  createEditorTenant,
  eventually,
  storedFacts,
  syncOutcomes,
  tenantAccounts,
  tenantChecksum,
  truthFacts,
} from './pipeline-support';
import { call, postJson, superDb, testEnv } from './support';

const arranged = superDb();
afterAll(() => arranged.close());
afterEach(async () => {
  await control('/faults', { method: 'DELETE' });
});

/** A tenant connected to one platform as one fake member, with a short backfill already landed. */
async function connectedTenant(platform: Platform, member: string) {
  const tenant = await createEditorTenant(arranged.db, '198.51.100.150');
  await chooseMember(platform, member);
  await connectThroughOAuth(tenant.cookie, tenant.tenantId, platform, 3);
  const accounts = await tenantAccounts(arranged.db, tenant.tenantId);
  await eventually(
    () => syncOutcomes(arranged.db, tenant.tenantId, 'backfill'),
    (runs) => runs.filter((r) => r.outcome === 'ok').length >= accounts.length,
  );
  return { ...tenant, accounts };
}

/** Delivers messages to the Worker's queue handler synchronously, as the queue would. */
async function deliver(queue: string, bodies: unknown[]) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `m-${Date.now()}-${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<SyncMessage>, env, ctx);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

function syncMessage(tenantId: string, adAccountId: string, from: string, to: string, lane: SyncMessage['lane'] = 'manual'): SyncMessage {
  return { kind: 'sync', tenantId, adAccountId, lane, from, to, cursor: null, enqueuedAt: new Date().toISOString() };
}

describe('cron', () => {
  it('enqueues a hot-lane sync for every connected account, which the consumer then runs', async () => {
    const tenant = await connectedTenant('google_ads', 'partner-a');
    const ctx = createExecutionContext();
    const messages = await runCron('*/15 * * * *', new Date(), env, ctx);
    await waitOnExecutionContext(ctx);
    const ours = messages.filter((m) => m.tenantId === tenant.tenantId);
    expect(ours.map((m) => m.adAccountId).sort()).toEqual(tenant.accounts.map((a) => a.id).sort());
    expect(ours.every((m) => m.lane === 'hot')).toBe(true);
    await eventually(
      () => syncOutcomes(arranged.db, tenant.tenantId, 'hot'),
      (runs) => runs.filter((r) => r.outcome === 'ok').length >= tenant.accounts.length,
    );
  });

  it('plans the settling lane on the nightly trigger', async () => {
    const ctx = createExecutionContext();
    const messages = await runCron('30 2 * * *', new Date('2026-11-29T02:30:00Z'), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.lane === 'settling' && m.from < m.to)).toBe(true);
  });
});

describe('hourly pacing', () => {
  it('stores today’s hours on the first hot run of an hour, and they add up to the day', async () => {
    const tenant = await connectedTenant('google_ads', 'partner-b');
    const [account] = tenant.accounts;
    // The fakes' clock is frozen at 2026-11-29 15:00 UTC, 16:00 in Berlin: yesterday's 24 hours and today's first 16.
    const hot = { ...syncMessage(tenant.tenantId, account!.id, '2026-11-28', '2026-11-29', 'hot'), enqueuedAt: '2026-11-29T15:05:00.000Z' };
    expect((await deliver('tidemark-sync', [hot])).explicitAcks).toHaveLength(1);
    const mismatches = rowsOf<{ n: number; hours: number }>(
      await arranged.db.execute(sql`select count(*) filter (where h.spend is distinct from d.spend_micros or h.impressions is distinct from d.impressions)::int as n,
          coalesce(sum(h.hours), 0)::int as hours
        from ad_stats_daily d
        left join (select ad_id, date, sum(spend_micros) as spend, sum(impressions) as impressions, count(*) as hours
                   from ad_stats_hourly where ad_account_id = ${account!.id} group by ad_id, date) h on h.ad_id = d.ad_id and h.date = d.date
        where d.ad_account_id = ${account!.id} and d.date between '2026-11-28' and '2026-11-29'`),
    )[0]!;
    expect(mismatches.hours).toBeGreaterThan(24);
    expect(mismatches.n).toBe(0);

    const pacing = await call(`/api/tenants/${tenant.tenantId}/pacing?date=2026-11-29`, { headers: { cookie: tenant.cookie } });
    const body = (await pacing.json()) as { hours: Array<{ hour: number; spendMicros: number }> };
    expect(body.hours.length).toBeGreaterThan(0);
    expect(body.hours.every((h) => h.hour >= 0 && h.hour < 24)).toBe(true);

    // Later runs of the hour skip the hourly report (it costs an extra request).
    const calls = async () =>
      await control<{ count?: number; calls?: unknown[] }>(`/calls?service=google_ads&accountId=${account!.externalId}`);
    const before = await calls();
    await deliver('tidemark-sync', [{ ...hot, enqueuedAt: '2026-11-29T15:20:00.000Z' }]);
    const after = await calls();
    const count = (r: { count?: number; calls?: unknown[] }) => r.count ?? r.calls?.length ?? 0;
    expect(count(after) - count(before)).toBe(1);
  });
});

describe('queue consumer', () => {
  it('acknowledges a malformed message instead of retrying it forever', async () => {
    const result = await deliver('tidemark-sync', [{ kind: 'nonsense' }, 'not even an object']);
    expect(result.explicitAcks).toHaveLength(2);
    expect(result.retryMessages).toHaveLength(0);
  });

  it('parks dead letters in Postgres and re-drives them through the operator API', async () => {
    const body = syncMessage(crypto.randomUUID(), crypto.randomUUID(), '2026-11-01', '2026-11-02');
    const result = await deliver('tidemark-sync-dlq', [body]);
    expect(result.explicitAcks).toHaveLength(1);
    const [parked] = rowsOf<{ id: string; attempts: number }>(
      await arranged.db.execute(sql`select id, attempts from dead_letters where tenant_id = ${body.tenantId} and redriven_at is null`),
    );
    expect(parked).toBeDefined();
    const auth = { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` };
    const listed = (await (await call('/api/ops/dead-letters', { headers: auth })).json()) as { deadLetters: Array<{ id: string }> };
    expect(listed.deadLetters.map((d) => d.id)).toContain(parked!.id);
    const redrive = await postJson('/api/ops/dead-letters/redrive', { ids: [parked!.id] }, auth);
    expect(await redrive.json()).toEqual({ redriven: 1, skippedInvalid: 0 });
    const [after] = rowsOf<{ redriven: boolean }>(
      await arranged.db.execute(sql`select redriven_at is not null as redriven from dead_letters where id = ${parked!.id}`),
    );
    expect(after!.redriven).toBe(true);
  });

  it('refuses the operator API without the operator token', async () => {
    expect((await call('/api/ops/dead-letters')).status).toBe(401);
    expect((await call('/api/ops/dead-letters', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
  });
});

describe('idempotent, order-independent ingest', () => {
  it('leaves an identical checksum when the same messages arrive twice or in reverse order, equal to the platform', async () => {
    const tenant = await connectedTenant('meta', 'partner-b');
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    const day = (offset: number) => new Date(Date.parse(`${to}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);
    const messages = [
      syncMessage(tenant.tenantId, account!.id, day(20), day(6)),
      syncMessage(tenant.tenantId, account!.id, day(8), day(0), 'hot'),
      syncMessage(tenant.tenantId, account!.id, day(13), day(3)),
    ];
    const deliverEach = async (list: SyncMessage[]) => {
      for (const message of list) expect((await deliver('tidemark-sync', [message])).explicitAcks).toHaveLength(1);
    };
    await deliverEach(messages);
    const first = await tenantChecksum(arranged.db, tenant.tenantId);
    await deliverEach(messages);
    expect(await tenantChecksum(arranged.db, tenant.tenantId)).toBe(first);
    await deliverEach([...messages].reverse());
    expect(await tenantChecksum(arranged.db, tenant.tenantId)).toBe(first);
    // Every delivery really ran (none was deferred by a budget), so the comparison means something.
    const runs = [
      ...(await syncOutcomes(arranged.db, tenant.tenantId, 'manual')),
      ...(await syncOutcomes(arranged.db, tenant.tenantId, 'hot')),
    ];
    expect(runs.filter((r) => r.outcome === 'ok')).toHaveLength(messages.length * 3);
    expect(await storedFacts(arranged.db, account!.id, day(20), day(0))).toEqual(
      await truthFacts('meta', account!.externalId, day(20), day(0)),
    );
  });
});

describe('failures', () => {
  it('marks a revoked connection for re-auth, acks the message and leaves other connections syncing', async () => {
    const healthy = await connectedTenant('google_ads', 'partner-b');
    const revoked = await connectedTenant('linkedin', 'partner-a');
    const [account] = revoked.accounts;
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'linkedin', kind: 'revoked_token', remaining: 1 }) });
    const { to } = account!.backfillState as { to: string };
    const result = await deliver('tidemark-sync', [syncMessage(revoked.tenantId, account!.id, to, to)]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
    const [connection] = rowsOf<{ status: string }>(
      await arranged.db.execute(sql`select status from connections where tenant_id = ${revoked.tenantId}`),
    );
    expect(connection!.status).toBe('needs_reauth');
    expect((await syncOutcomes(arranged.db, revoked.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['auth_failed']);

    const [other] = healthy.accounts;
    const { to: otherTo } = other!.backfillState as { to: string };
    await deliver('tidemark-sync', [syncMessage(healthy.tenantId, other!.id, otherTo, otherTo)]);
    expect((await syncOutcomes(arranged.db, healthy.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['ok']);
    const [stillActive] = rowsOf<{ status: string }>(
      await arranged.db.execute(sql`select status from connections where tenant_id = ${healthy.tenantId}`),
    );
    expect(stillActive!.status).toBe('active');
  });

  it('treats a platform throttle as a deferral, not a failed sync', async () => {
    const tenant = await connectedTenant('meta', 'demo');
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'meta', kind: 'rate_limit', remaining: 5 }) });
    const result = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, to, to)]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['rate_limited']);
    const [connection] = rowsOf<{ status: string }>(
      await arranged.db.execute(sql`select status from connections where tenant_id = ${tenant.tenantId}`),
    );
    expect(connection!.status).toBe('active');
  });
});
