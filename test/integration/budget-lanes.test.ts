import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { getServerByName } from 'partyserver';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/client';
import { loadBudgetInputs } from '../../db/queries/budget-inputs';
import type { Config } from '../../worker/env';
import { runSyncJob, type SyncDeps } from '../../worker/jobs/sync';
import type { BucketState } from '../../worker/realtime/budget';
import type { DayState } from '../../worker/realtime/budget-day';
import { accountKey, useCaseKey } from '../../worker/realtime/budget-keys';
import { metaUseCaseLimit, policyForKey } from '../../worker/realtime/budget-scopes';
import type { BudgetRow } from '../../worker/realtime/budget-store';
import { type AccountRow, connectedTenant, control, fakeCalls, type Platform, syncMessage, syncOutcomes } from './pipeline-support';
import { appDb, closeWhenIdle, superDb, unique } from './support';
import { realSyncDeps } from './sync-support';

/** Budgets per scope and lane priority, end to end: runSyncJob with real parts against the fakes. */
const arranged = superDb();
const app = appDb();
afterAll(() => closeWhenIdle(arranged, app));

/** LinkedIn members this file gave a day limit of their own on the fake, removed after each test. */
let ownMemberLimits: string[] = [];
afterEach(async () => {
  if (ownMemberLimits.length) await setMemberLimits(Object.fromEntries(ownMemberLimits.map((id) => [id, null])));
  ownMemberLimits = [];
});
async function setMemberLimits(byMember: Record<string, number | null>) {
  await control('/regimes/linkedin', { method: 'PUT', body: JSON.stringify({ dailyMemberLimitByMember: byMember }) });
}

/**
 * Real dependencies with app-wide quota objects of this test's own (the shared ones belong to
 * every test), optionally on a clock and quotas of its own.
 */
async function ownDeps(options: { at?: number; config?: Partial<Config> } = {}): Promise<SyncDeps> {
  const credential = unique('credential');
  const deps = await realSyncDeps(app.db);
  return {
    ...deps,
    config: { ...deps.config, ...options.config },
    ...(options.at !== undefined ? { now: () => new Date(options.at!) } : {}),
    quota: (platform) => getServerByName(env.PlatformQuota, `${platform}:${credential}`),
  };
}

const hubOf = (tenantId: string) => getServerByName(env.TenantHub, tenantId);
const rowsOf = async (holder: { budgets(now?: number): unknown }) => (await holder.budgets(Date.now())) as BudgetRow[];
const dayOf = (account: AccountRow) => (account.backfillState as { to: string }).to;
const callsSince = async (platform: Platform, account: AccountRow, before: number) =>
  (await fakeCalls(platform, { accountId: account.externalId })).slice(before);
const callCount = async (platform: Platform, account: AccountRow) => (await fakeCalls(platform, { accountId: account.externalId })).length;

/** Spends the account's own LinkedIn bucket to below one token at `at` (hot admissions until one is refused). */
async function drainLinkedInAccount(tenantId: string, account: AccountRow, at: number) {
  const hub = await hubOf(tenantId);
  const policy = policyForKey(accountKey(account.id), {
    platform: 'linkedin',
    quotas: { metaCallsPerHour: 1, googleOperationsPerDay: 1, linkedinCallsPerDay: 1 },
  })!;
  for (let i = 0; i < 20; i++) {
    const verdict = await hub.admit('hot', [{ key: accountKey(account.id), policy, cost: 1, breaker: true }], at);
    if (!verdict.admitted) return;
  }
  throw new Error('the account bucket never ran dry');
}

describe('lane priority when budget is scarce', () => {
  it('a scarce account budget admits a hot window while refusing a backfill window, and says when backfill may go', async () => {
    const tenant = await connectedTenant(arranged.db, 'linkedin', 'demo', { ip: '198.51.100.171', backfillDays: 1 });
    const account = tenant.accounts[0]!;
    const day = dayOf(account);
    const drainedAt = Date.now();
    await drainLinkedInAccount(tenant.tenantId, account, drainedAt);
    // Two seconds of refill (0.5 per second): between one and two tokens, enough for hot, short of backfill's 30% reserve.
    const deps = await ownDeps({ at: drainedAt + 2000 });
    const before = await callCount('linkedin', account);

    const backfill = await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day, 'backfill'), 1, deps);
    expect(backfill.action).toMatchObject({ kind: 'defer', reason: 'throttled' });
    expect(backfill.refusal).toMatchObject({ reason: 'budget', scope: account.id, lane: 'backfill' });
    // Backfill waits for 1 token plus a reserve of 3 (30% of 10): from under two tokens, 4 to 6 s of refill.
    const wait = (backfill.action as { delaySeconds: number }).delaySeconds;
    expect(wait).toBeGreaterThanOrEqual(4);
    expect(wait).toBeLessThanOrEqual(6);
    expect(await callsSince('linkedin', account, before)).toEqual([]);

    const hot = await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day, 'hot'), 1, deps);
    expect(hot.action).toEqual({ kind: 'done' });
    const calls = await callsSince('linkedin', account, before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.status === 200)).toBe(true);
  });

  it('two consumers syncing the same account at once share its budget: one goes, the other is deferred', async () => {
    const tenant = await connectedTenant(arranged.db, 'linkedin', 'demo', { ip: '198.51.100.172', backfillDays: 1 });
    const account = tenant.accounts[0]!;
    const day = dayOf(account);
    const drainedAt = Date.now();
    await drainLinkedInAccount(tenant.tenantId, account, drainedAt);
    const deps = await ownDeps({ at: drainedAt + 2000 });

    const summaries = await Promise.all([0, 1].map(() => runSyncJob(syncMessage(tenant.tenantId, account.id, day, day, 'hot'), 1, deps)));
    expect(summaries.map((s) => s.action.kind).sort()).toEqual(['defer', 'done']);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'hot')).map((r) => r.outcome)).toEqual(['ok']);
  });
});

describe('Meta budgets per ad account and business use case', () => {
  it('sizes the ads_insights budget from the account’s active ads in our entities', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'demo', { ip: '198.51.100.173', backfillDays: 1 });
    const account = tenant.accounts[0]!;
    const day = dayOf(account);
    const { activeAds } = await withTenant(app.db, tenant.tenantId, (tx) => loadBudgetInputs(tx, account.id));
    expect(activeAds).toBeGreaterThan(0);

    /** Syncs at `at` (a full bucket by then) and returns the insights tokens left and the insights calls it made. */
    const syncAt = async (at: number) => {
      const before = await callCount('meta', account);
      const summary = await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day), 1, await ownDeps({ at }));
      expect(summary.action).toEqual({ kind: 'done' });
      const insightsCalls = (await callsSince('meta', account, before)).filter((c) => c.path.includes('insights')).length;
      const row = (await rowsOf(await hubOf(tenant.tenantId))).find((r) => r.key === useCaseKey(account.id, 'ads_insights'))!;
      return { tokens: (row.bucket as BucketState).tokens, insightsCalls };
    };
    const withAds = await syncAt(Date.now() + 2 * 3_600_000);
    expect(withAds.tokens).toBe(Math.floor(metaUseCaseLimit('limited', 'ads_insights', activeAds) / 10) - withAds.insightsCalls);

    // The same account with no active ads left gets the formula's base: 600 an hour, a burst of 60.
    await arranged.db.execute(sql`update ads set status = 'paused' where ad_account_id = ${account.id}`);
    const withoutAds = await syncAt(Date.now() + 4 * 3_600_000);
    expect(withoutAds.tokens).toBe(60 - withoutAds.insightsCalls);
  });

  it('an ads_management throttle leaves ads_insights calls going (the sync skips entity reads), and an ads_insights one stops the sync', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'demo', { ip: '198.51.100.174', backfillDays: 1 });
    const account = tenant.accounts[0]!;
    const day = dayOf(account);
    const hub = await hubOf(tenant.tenantId);
    const context = {
      platform: 'meta' as const,
      quotas: { metaCallsPerHour: 4800, googleOperationsPerDay: 1, linkedinCallsPerDay: 1 },
      activeAds: 1,
    };
    const throttle = (key: string) => ({
      key,
      policy: policyForKey(key, context)!,
      report: { outcome: 'rate_limited' as const, usage: [], retryAfterMs: 3_600_000, reserved: 0, calls: 0 },
    });
    // What Meta's 80004 (ads_management) does to the budgets: that use case is blocked for the hint.
    await hub.report([throttle(useCaseKey(account.id, 'ads_management'))], Date.now());
    const before = await callCount('meta', account);

    const summary = await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day), 1, await ownDeps());
    expect(summary.action).toEqual({ kind: 'done' });
    const paths = (await callsSince('meta', account, before)).map((c) => c.path);
    expect(paths.some((p) => p.includes('insights'))).toBe(true);
    expect(paths.filter((p) => /\/(campaigns|adsets|ads)$/.test(p))).toEqual([]);

    await hub.report([throttle(useCaseKey(account.id, 'ads_insights'))], Date.now());
    const blocked = await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day), 1, await ownDeps());
    expect(blocked.action).toMatchObject({ kind: 'defer', reason: 'throttled' });
    expect((blocked.action as { delaySeconds: number }).delaySeconds).toBeGreaterThan(3500);
  });
});

describe('Google daily operations per developer token', () => {
  it('never admits more operations than the daily quota, across two tenants syncing at once', async () => {
    const first = await connectedTenant(arranged.db, 'google_ads', 'partner-a', { ip: '198.51.100.175', backfillDays: 1 });
    const second = await connectedTenant(arranged.db, 'google_ads', 'partner-b', { ip: '198.51.100.176', backfillDays: 1 });
    const accounts = [
      { tenantId: first.tenantId, account: first.accounts[0]! },
      { tenantId: second.tenantId, account: second.accounts[0]! },
    ];
    const before = await Promise.all(accounts.map(({ account }) => callCount('google_ads', account)));
    const deps = await ownDeps({ config: { GOOGLE_ADS_OPERATIONS_PER_DAY: 3 } });

    const runs = accounts.flatMap(({ tenantId, account }) =>
      [0, 1, 2].map(() => runSyncJob(syncMessage(tenantId, account.id, dayOf(account), dayOf(account)), 1, deps)),
    );
    const summaries = await Promise.all(runs);

    expect(summaries.filter((s) => s.action.kind === 'done')).toHaveLength(3);
    const deferred = summaries.filter((s) => s.action.kind === 'defer');
    expect(deferred).toHaveLength(3);
    expect(deferred.every((s) => s.refusal?.scope === 'app:google_ads')).toBe(true);
    // The next operation fits once the first slot has left the sliding 24 hours: the longest delay the queue takes.
    expect(deferred.every((s) => (s.action as { delaySeconds: number }).delaySeconds === 43_200)).toBe(true);
    const streams = await Promise.all(
      accounts.map(async ({ account }, i) =>
        (await callsSince('google_ads', account, before[i]!)).filter((c) => c.path.includes('search')),
      ),
    );
    expect(streams.flat()).toHaveLength(3);
  });
});

describe('LinkedIn days per application and per member', () => {
  it('a 429 on one member’s day leaves another member’s accounts syncing', async () => {
    const throttled = await connectedTenant(arranged.db, 'linkedin', 'partner-a', { ip: '198.51.100.177', backfillDays: 1 });
    const other = await connectedTenant(arranged.db, 'linkedin', 'partner-b', { ip: '198.51.100.178', backfillDays: 1 });
    const [a, b] = [throttled.accounts[0]!, other.accounts[0]!];
    ownMemberLimits.push(throttled.memberId);
    await setMemberLimits({ [throttled.memberId]: 1 });
    const deps = await ownDeps();

    const first = await runSyncJob(syncMessage(throttled.tenantId, a.id, dayOf(a), dayOf(a)), 1, deps);
    expect(first.action).toMatchObject({ kind: 'defer', reason: 'throttled' });
    const afterThrottle = await callCount('linkedin', a);
    const again = await runSyncJob(syncMessage(throttled.tenantId, a.id, dayOf(a), dayOf(a)), 1, deps);
    expect(again.action).toMatchObject({ kind: 'defer', reason: 'throttled' });
    expect(await callsSince('linkedin', a, afterThrottle)).toEqual([]);

    const before = await callCount('linkedin', b);
    expect((await runSyncJob(syncMessage(other.tenantId, b.id, dayOf(b), dayOf(b)), 1, deps)).action).toEqual({ kind: 'done' });
    expect((await callsSince('linkedin', b, before)).every((c) => c.status === 200)).toBe(true);
  });

  it('the member’s day learnt from a 429 resets at midnight UTC', async () => {
    const tenant = await connectedTenant(arranged.db, 'linkedin', 'partner-a', { ip: '198.51.100.179', backfillDays: 1 });
    const account = tenant.accounts[0]!;
    const day = dayOf(account);
    const lateEvening = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 23 * 3_600_000 + 50 * 60_000;
    const credential = unique('credential');
    const quota = () => getServerByName(env.PlatformQuota, `linkedin:${credential}`);
    const base = await realSyncDeps(app.db);
    const depsAt = (at: number): SyncDeps => ({ ...base, now: () => new Date(at), quota });
    ownMemberLimits.push(tenant.memberId);
    await setMemberLimits({ [tenant.memberId]: 1 });

    const throttled = await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day), 1, depsAt(lateEvening));
    expect(throttled.action).toMatchObject({ kind: 'defer', reason: 'throttled' });
    const member = (await rowsOf(await quota())).find((r) => r.key.startsWith('member:'))!;
    expect(member.bucket).toMatchObject({ kind: 'day', throttled: true, blockedUntil: lateEvening + 10 * 60_000 });
    expect((member.bucket as DayState).learntLimit).toBe((member.bucket as DayState).used);
    const blocked = await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day), 1, depsAt(lateEvening + 9 * 60_000));
    expect(blocked.action).toMatchObject({ kind: 'defer', reason: 'throttled', delaySeconds: 60 });
    expect(blocked.refusal).toMatchObject({ scope: member.key, lane: 'manual', retryAfterMs: 60_000 });

    await setMemberLimits({ [tenant.memberId]: null });
    const afterMidnight = lateEvening + 10 * 60_000 + 1000;
    expect((await runSyncJob(syncMessage(tenant.tenantId, account.id, day, day), 1, depsAt(afterMidnight))).action).toEqual({
      kind: 'done',
    });
    const fresh = (await rowsOf(await quota())).find((r) => r.key === member.key)!;
    expect(fresh.bucket).toMatchObject({ kind: 'day', day: Math.floor(afterMidnight / 86_400_000), throttled: false, blockedUntil: 0 });
    expect((fresh.bucket as DayState).used).toBeGreaterThan(0);
  });
});
