import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import type { Platform } from '../../db/schema/enum-values';
import { runCron } from '../../worker/jobs/cron';
import type { SyncMessage } from '../../worker/jobs/messages';
import {
  chooseMember,
  connectedTenant,
  connectThroughOAuth,
  control,
  createEditorTenant,
  deliver,
  eventually,
  fakeCalls,
  injectFault,
  storedFacts,
  syncMessage,
  syncOutcomes,
  tenantAccounts,
  tenantChecksum,
  truthFacts,
} from './pipeline-support';
import { call, closeWhenIdle, createTenantWithData, postJson, superDb, testEnv } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));
afterEach(async () => {
  await control('/faults', { method: 'DELETE' });
});

const addDaysIso = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const connected = (platform: Platform, member: string) => connectedTenant(arranged.db, platform, member);

describe('cron', () => {
  it('enqueues a hot-lane sync for every connected account, which the consumer then runs', async () => {
    const tenant = await connected('google_ads', 'partner-a');
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

  it('plans the settling lane on the nightly trigger for exactly its enabled accounts, each in its own zone, and the syncs land', async () => {
    const tenant = await createEditorTenant(arranged.db, '198.51.100.151');
    // Berlin (Google, 14 settling days), New York (Meta, 28), and a LinkedIn account switched off.
    for (const [platform, member] of [
      ['google_ads', 'partner-b'],
      ['meta', 'partner-a'],
      ['linkedin', 'partner-b'],
    ] as const) {
      await chooseMember(platform, member);
      await connectThroughOAuth(tenant.cookie, tenant.tenantId, platform, 1);
    }
    const accounts = await tenantAccounts(arranged.db, tenant.tenantId);
    await eventually(
      () => syncOutcomes(arranged.db, tenant.tenantId, 'backfill'),
      (runs) => runs.filter((r) => r.outcome === 'ok').length >= accounts.length,
    );
    const byPlatform = Object.fromEntries(
      rowsOf<{ id: string; platform: string; externalId: string; timeZone: string }>(
        await arranged.db.execute(
          sql`select id, platform, external_id as "externalId", time_zone as "timeZone" from ad_accounts where tenant_id = ${tenant.tenantId}`,
        ),
      ).map((a) => [a.platform, a]),
    );
    expect(byPlatform.google_ads!.timeZone).toBe('Europe/Berlin');
    expect(byPlatform.meta!.timeZone).toBe('America/New_York');
    await arranged.db.execute(sql`update ad_accounts set enabled = false where id = ${byPlatform.linkedin!.id}`);

    // 02:30 UTC is 03:30 on the 29th in Berlin and still 21:30 on the 28th in New York.
    const ctx = createExecutionContext();
    const messages = await runCron('30 2 * * *', new Date('2026-11-29T02:30:00Z'), env, ctx);
    await waitOnExecutionContext(ctx);
    const ours = messages
      .filter((m) => m.tenantId === tenant.tenantId)
      .map(({ adAccountId, lane, from, to, cursor }) => ({ adAccountId, lane, from, to, cursor }))
      .sort((x, y) => (x.adAccountId < y.adAccountId ? -1 : 1));
    const expected = [
      { adAccountId: byPlatform.google_ads!.id, lane: 'settling', from: '2026-11-15', to: '2026-11-27', cursor: null },
      { adAccountId: byPlatform.meta!.id, lane: 'settling', from: '2026-10-31', to: '2026-11-26', cursor: null },
    ].sort((x, y) => (x.adAccountId < y.adAccountId ? -1 : 1));
    expect(ours).toEqual(expected);

    const runs = await eventually(
      () => syncOutcomes(arranged.db, tenant.tenantId, 'settling'),
      (list) => list.length >= 2,
    );
    expect(runs.map((r) => `${r.adAccountId}:${r.outcome}:${r.windowFrom}..${r.windowTo}`).sort()).toEqual(
      expected.map((m) => `${m.adAccountId}:ok:${m.from}..${m.to}`).sort(),
    );
    for (const platform of ['google_ads', 'meta'] as const) {
      const account = byPlatform[platform]!;
      const window = expected.find((m) => m.adAccountId === account.id)!;
      expect(await storedFacts(arranged.db, account.id, window.from, window.to), platform).toEqual(
        await truthFacts(platform, account.externalId, window.from, window.to),
      );
    }
  });
});

describe('hourly pacing', () => {
  it('stores today’s hours on the first hot run of an hour, and they add up to the day', async () => {
    const tenant = await connected('google_ads', 'partner-b');
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
  it('acknowledges a malformed message instead of retrying it forever (it is parked: see queue.test.ts)', async () => {
    const result = await deliver('tidemark-sync', [{ kind: 'nonsense' }, 'not even an object']);
    expect(result.explicitAcks).toHaveLength(2);
    expect(result.retryMessages).toHaveLength(0);
  });

  it('parks a dead letter once per message and re-drives it into the sync queue, whose consumer runs it', async () => {
    const tenant = await connected('google_ads', 'partner-a');
    const [account] = tenant.accounts;
    const { from } = account!.backfillState as { from: string };
    const window = { from: addDaysIso(from, -7), to: addDaysIso(from, -1) };
    const body = syncMessage(tenant.tenantId, account!.id, window.from, window.to);
    const messageId = `dlq-${crypto.randomUUID()}`;
    expect((await deliver('tidemark-sync-dlq', [body], { ids: [messageId], attempts: 6 })).explicitAcks).toEqual([messageId]);
    // A redelivery of the same dead letter is not parked twice.
    await deliver('tidemark-sync-dlq', [body], { ids: [messageId], attempts: 6 });
    const parked = rowsOf<{ id: string; attempts: number; tenantId: string }>(
      await arranged.db.execute(
        sql`select id, attempts, tenant_id as "tenantId" from dead_letters where message_id = ${messageId} and redriven_at is null`,
      ),
    );
    expect(parked).toEqual([{ id: expect.any(String), attempts: 6, tenantId: tenant.tenantId }]);
    const auth = { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` };
    const listed = (await (await call('/api/ops/dead-letters', { headers: auth })).json()) as { deadLetters: Array<{ id: string }> };
    expect(listed.deadLetters.map((d) => d.id)).toContain(parked[0]!.id);
    expect(await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).toEqual([]);

    const redrive = await postJson('/api/ops/dead-letters/redrive', { ids: [parked[0]!.id] }, auth);
    expect(await redrive.json()).toEqual({ redriven: 1, skippedInvalid: 0, refused: [] });

    const runs = await eventually(
      () => syncOutcomes(arranged.db, tenant.tenantId, 'manual'),
      (list) => list.length > 0,
      60_000,
    );
    const truth = await truthFacts('google_ads', account!.externalId, window.from, window.to);
    expect(runs).toEqual([{ adAccountId: account!.id, outcome: 'ok', rows: truth.length, windowFrom: window.from, windowTo: window.to }]);
    expect(await storedFacts(arranged.db, account!.id, window.from, window.to)).toEqual(truth);
    const after = (await (await call('/api/ops/dead-letters', { headers: auth })).json()) as { deadLetters: Array<{ id: string }> };
    expect(after.deadLetters.map((d) => d.id)).not.toContain(parked[0]!.id);
    // A second re-drive of the same letter finds nothing left to send.
    expect(await (await postJson('/api/ops/dead-letters/redrive', { ids: [parked[0]!.id] }, auth)).json()).toEqual({
      redriven: 0,
      skippedInvalid: 0,
      refused: [],
    });
  });

  it('retries a message whose sync crashed instead of acknowledging it', async () => {
    const tenant = await createTenantWithData(arranged.db, []);
    // The factory's placeholder ciphertext cannot be decrypted: the job throws before any platform call.
    await arranged.db.execute(sql`update connections set status = 'active' where tenant_id = ${tenant.tenantId}`);
    const result = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, tenant.adAccountId, '2026-11-01', '2026-11-02')], {
      attempts: 2,
    });
    // (The test harness's queue result does not carry the retry delay; backoffSeconds has its own tests.)
    expect(result).toMatchObject({ explicitAcks: [], ackAll: false, retryBatch: { retry: false } });
    expect(result.retryMessages).toHaveLength(1);
    expect(await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).toEqual([]);
  });

  it('retries a transient platform failure with backoff and records it as transient', async () => {
    const tenant = await connected('google_ads', 'partner-b');
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    await injectFault('google_ads', account!.externalId, 'server_error', 2);
    const result = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, to, to)]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toHaveLength(1);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['transient']);
    expect((await fakeCalls('google_ads', { accountId: account!.externalId })).at(-1)!.status).toBe(500);
  });

  it('refuses the operator API without the operator token', async () => {
    expect((await call('/api/ops/dead-letters')).status).toBe(401);
    expect((await call('/api/ops/dead-letters', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
  });
});

describe('idempotent, order-independent ingest', () => {
  it('leaves an identical checksum when the same messages arrive twice or in reverse order, equal to the platform', async () => {
    const tenant = await connected('meta', 'partner-b');
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
    const healthy = await connected('google_ads', 'partner-b');
    const revoked = await connected('linkedin', 'partner-a');
    const [account] = revoked.accounts;
    await injectFault('linkedin', account!.externalId, 'revoked_token', 1);
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
    const tenant = await connected('meta', 'demo');
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    await injectFault('meta', account!.externalId, 'rate_limit', 5);
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
