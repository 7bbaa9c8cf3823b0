import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { getServerByName } from 'partyserver';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { appQuotas } from '../../worker/env';
import { runSyncJob } from '../../worker/jobs/sync';
import { policyForKey } from '../../worker/realtime/budget-scopes';
import {
  connectedTenant,
  fakeCalls,
  type Platform,
  storedFacts,
  syncMessage,
  syncOutcomes,
  tenantAccounts,
  truthFacts,
} from './pipeline-support';
import { appDb, closeWhenIdle, superDb } from './support';
import { realSyncDeps, spoilToken, storedConnection, workerConfig, workerNow } from './sync-support';

/** runSyncJob called directly with real dependencies: the token branches, budget deferral and drops. */
const arranged = superDb();
const app = appDb();
afterAll(() => closeWhenIdle(arranged, app));

/** A connected tenant with one ad account, and the message that re-reads the account's backfill window. */
async function syncable(platform: Platform, member: string) {
  const tenant = await connectedTenant(arranged.db, platform, member);
  const account = tenant.accounts[0]!;
  const { from, to } = account.backfillState as { from: string; to: string };
  return { tenant, account, message: syncMessage(tenant.tenantId, account.id, from, to), from, to };
}

/** What the fake saw for one account since `before` calls (statuses in order). */
async function statusesSince(platform: Platform, externalId: string, before: number): Promise<number[]> {
  return (await fakeCalls(platform, { accountId: externalId })).slice(before).map((c) => c.status);
}

const tokenCalls = async (platform: Platform, principal: string) =>
  (await fakeCalls(platform, { principal })).filter((c) => c.path.includes('token'));

describe('runSyncJob: the access token', () => {
  it('refreshes once and retries when the platform refuses a token before its recorded expiry', async () => {
    const { tenant, account, message, from, to } = await syncable('google_ads', 'partner-a');
    const before = await storedConnection(arranged.db, tenant.tenantId);
    expect(before.accessExpiresAt!.getTime()).toBeGreaterThan(workerNow().getTime() + 30 * 60_000);
    await spoilToken('google_ads', before.accessToken, 'expire');
    const callsBefore = (await fakeCalls('google_ads', { accountId: account.externalId })).length;
    const refreshesBefore = (await tokenCalls('google_ads', tenant.memberId)).length;

    const summary = await runSyncJob(message, 1, await realSyncDeps(app.db));

    expect(summary.action).toEqual({ kind: 'done' });
    expect(await statusesSince('google_ads', account.externalId, callsBefore)).toEqual([401, 200]);
    expect((await tokenCalls('google_ads', tenant.memberId)).slice(refreshesBefore).map((c) => c.status)).toEqual([200]);
    expect(summary.apiCalls).toBe(3);
    const after = await storedConnection(arranged.db, tenant.tenantId);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.status).toBe('active');
    expect(await storedFacts(arranged.db, account.id, from, to)).toEqual(await truthFacts('google_ads', account.externalId, from, to));
    expect(summary.rows).toBe((await truthFacts('google_ads', account.externalId, from, to)).length);
  });

  it('refreshes a token that is about to expire before calling the platform, and stores its new expiry', async () => {
    const { tenant, account, message } = await syncable('google_ads', 'partner-b');
    const before = await storedConnection(arranged.db, tenant.tenantId);
    // Four minutes before the recorded expiry: inside the refresh margin. The fake refuses the old
    // token too, so a sync that called with it first would show a 401 in the fake's ledger.
    const now = new Date(before.accessExpiresAt!.getTime() - 4 * 60_000);
    await spoilToken('google_ads', before.accessToken, 'expire');
    const callsBefore = (await fakeCalls('google_ads', { accountId: account.externalId })).length;

    const summary = await runSyncJob(message, 1, await realSyncDeps(app.db, { now: () => now }));

    expect(summary.action).toEqual({ kind: 'done' });
    expect(await statusesSince('google_ads', account.externalId, callsBefore)).toEqual([200]);
    expect(summary.apiCalls).toBe(2);
    const after = await storedConnection(arranged.db, tenant.tenantId);
    expect(after.accessToken).not.toBe(before.accessToken);
    // Google grants 3599 seconds; the job adds them to its own clock.
    expect(after.accessExpiresAt!.getTime()).toBe(now.getTime() + 3599 * 1000);
  });

  it('leaves a token well inside its lifetime alone', async () => {
    const { tenant, message } = await syncable('linkedin', 'partner-b');
    const before = await storedConnection(arranged.db, tenant.tenantId);
    const refreshesBefore = (await tokenCalls('linkedin', tenant.memberId)).length;
    const summary = await runSyncJob(message, 1, await realSyncDeps(app.db));
    expect(summary.action).toEqual({ kind: 'done' });
    expect((await tokenCalls('linkedin', tenant.memberId)).length).toBe(refreshesBefore);
    expect((await storedConnection(arranged.db, tenant.tenantId)).accessToken).toBe(before.accessToken);
  });

  it('asks for re-authorization when the platform refuses the token and then the refresh', async () => {
    const { tenant, account, message } = await syncable('linkedin', 'partner-a');
    const before = await storedConnection(arranged.db, tenant.tenantId);
    await spoilToken('linkedin', before.accessToken, 'expire');
    await spoilToken('linkedin', before.refreshToken!, 'revoke');
    const callsBefore = (await fakeCalls('linkedin', { accountId: account.externalId })).length;

    const summary = await runSyncJob(message, 1, await realSyncDeps(app.db));

    expect(summary.action).toEqual({ kind: 'reauth' });
    expect(summary.rows).toBe(0);
    expect(await statusesSince('linkedin', account.externalId, callsBefore)).toEqual([401]);
    const after = await storedConnection(arranged.db, tenant.tenantId);
    expect(after.status).toBe('needs_reauth');
    expect(after.lastError).toBeTruthy();
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['auth_failed']);
  });

  it('asks for re-authorization without calling the platform when an expiring token cannot be refreshed', async () => {
    const { tenant, account, message } = await syncable('google_ads', 'demo');
    const before = await storedConnection(arranged.db, tenant.tenantId);
    await spoilToken('google_ads', before.refreshToken!, 'revoke');
    const callsBefore = (await fakeCalls('google_ads', { accountId: account.externalId })).length;

    const summary = await runSyncJob(
      message,
      1,
      await realSyncDeps(app.db, { now: () => new Date(before.accessExpiresAt!.getTime() - 60_000) }),
    );

    expect(summary.action).toEqual({ kind: 'reauth' });
    expect(await statusesSince('google_ads', account.externalId, callsBefore)).toEqual([]);
    expect((await storedConnection(arranged.db, tenant.tenantId)).status).toBe('needs_reauth');
  });

  it('asks a Meta connection to reconnect when its token is about to expire, since Meta has no refresh tokens', async () => {
    const { tenant, account, message } = await syncable('meta', 'partner-a');
    const before = await storedConnection(arranged.db, tenant.tenantId);
    const callsBefore = (await fakeCalls('meta', { accountId: account.externalId })).length;

    const summary = await runSyncJob(
      message,
      1,
      await realSyncDeps(app.db, { now: () => new Date(before.accessExpiresAt!.getTime() - 60_000) }),
    );

    expect(summary).toMatchObject({ action: { kind: 'reauth' }, apiCalls: 0, rows: 0 });
    expect(await statusesSince('meta', account.externalId, callsBefore)).toEqual([]);
    const after = await storedConnection(arranged.db, tenant.tenantId);
    expect(after).toMatchObject({ status: 'needs_reauth', lastError: expect.stringContaining('reconnect') });
  });
});

describe('runSyncJob: budgets and drops', () => {
  it('defers without spending a call while the account’s budget is blocked, keeping the cursor', async () => {
    const { tenant, account, message } = await syncable('linkedin', 'demo');
    const hub = await getServerByName(env.TenantHub, tenant.tenantId);
    const policy = policyForKey(account.id, { platform: 'linkedin', quotas: appQuotas(workerConfig()) })!;
    await hub.report(
      [{ key: account.id, policy, report: { outcome: 'rate_limited', usage: [], retryAfterMs: 120_000 } }],
      workerNow().getTime(),
    );
    const callsBefore = (await fakeCalls('linkedin', { accountId: account.externalId })).length;
    const runsBefore = (await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).length;

    const summary = await runSyncJob({ ...message, cursor: 'resume-here' }, 1, await realSyncDeps(app.db));

    expect(summary.action).toMatchObject({ kind: 'defer', reason: 'throttled', cursor: 'resume-here' });
    const delay = (summary.action as { delaySeconds: number }).delaySeconds;
    expect(delay).toBeGreaterThan(100);
    expect(delay).toBeLessThanOrEqual(120);
    expect(summary.apiCalls).toBe(0);
    expect(await statusesSince('linkedin', account.externalId, callsBefore)).toEqual([]);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).length).toBe(runsBefore);
  });

  it('drops the message of a disabled account or of a connection waiting for re-authorization, calling nobody', async () => {
    const { tenant, account, message } = await syncable('google_ads', 'partner-a');
    const callsBefore = (await fakeCalls('google_ads', { accountId: account.externalId })).length;
    await arranged.db.execute(sql`update ad_accounts set enabled = false where id = ${account.id}`);
    expect((await runSyncJob(message, 1, await realSyncDeps(app.db))).action).toEqual({
      kind: 'drop',
      reason: 'ad account removed or disabled',
    });
    await arranged.db.execute(sql`update ad_accounts set enabled = true where id = ${account.id}`);
    await arranged.db.execute(sql`update connections set status = 'needs_reauth' where tenant_id = ${tenant.tenantId}`);
    expect((await runSyncJob(message, 1, await realSyncDeps(app.db))).action).toEqual({
      kind: 'drop',
      reason: 'connection needs re-authorization',
    });
    expect(await statusesSince('google_ads', account.externalId, callsBefore)).toEqual([]);
    expect((await tenantAccounts(arranged.db, tenant.tenantId)).length).toBe(1);
    const runs = rowsOf(await arranged.db.execute(sql`select 1 from sync_runs where tenant_id = ${tenant.tenantId} and lane = 'manual'`));
    expect(runs).toEqual([]);
  });
});
