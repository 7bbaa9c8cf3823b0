import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { recordDeadLetter } from '../../db/queries/fleet';
import { API_VERSIONS, daysUntil } from '../../worker/connectors/api-versions';
import { appQuotas } from '../../worker/env';
import { MAX_DEFERRALS } from '../../worker/jobs/actions';
import { runSyncJob } from '../../worker/jobs/sync';
import { tenantHubBudgets } from '../../worker/read-models/hub-budgets';
import { type PipelineAccountHealth, readPipelineHealth } from '../../worker/read-models/pipeline-health';
import { metaUseCaseLimit } from '../../worker/realtime/budget-scopes';
import { connectedTenant, control, deliver, injectFault, syncMessage } from './pipeline-support';
import { appDb, closeWhenIdle, createTenantWithData, superDb } from './support';
import { realSyncDeps, workerConfig, workerNow } from './sync-support';

/** The pipeline-health read model over real syncs against the fakes, read as the application role. */
const arranged = superDb();
const app = appDb();
afterAll(() => closeWhenIdle(arranged, app));
afterEach(() => control('/faults', { method: 'DELETE' }));

async function tenantRef(tenantId: string) {
  const [row] = rowsOf<{ id: string; slug: string; name: string; dataVersion: number }>(
    await arranged.db.execute(sql`select id, slug, name, data_version as "dataVersion" from tenants where id = ${tenantId}`),
  );
  return row!;
}

async function health(tenantId: string, now = workerNow()) {
  const tenant = await tenantRef(tenantId);
  return readPipelineHealth({ db: app.db, tenant, budgets: tenantHubBudgets(env, tenantId), quotas: appQuotas(workerConfig()) }, now);
}

const accountIn = (view: Awaited<ReturnType<typeof health>>, id: string): PipelineAccountHealth => {
  const account = view.accounts.find((a) => a.id === id);
  if (!account) throw new Error(`account ${id} is not in the view`);
  return account;
};

describe('pipeline health of a tenant', () => {
  it('shows a throttled account with its deferrals, its next allowed call and its dead letter, and an account whose breaker failures opened as open', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'demo', { ip: '198.51.100.171', backfillDays: 1 });
    const [throttled, flaky] = tenant.accounts;
    const day = (throttled!.backfillState as { to: string }).to;
    const deps = await realSyncDeps(app.db);

    const fresh = await health(tenant.tenantId);
    expect(tenant.accounts.map((a) => accountIn(fresh, a.id).status)).toEqual(tenant.accounts.map(() => 'healthy'));
    expect(accountIn(fresh, throttled!.id).lastRun).toMatchObject({ lane: 'backfill', outcome: 'ok' });
    expect(accountIn(fresh, throttled!.id).callsLastDay).toBeGreaterThan(0);
    // Meta counts per business use case, with a capacity that grows with the account's active ads.
    const budget = accountIn(fresh, throttled!.id).budget!;
    expect(['ads_insights', 'ads_management']).toContain(budget.scope);
    const [active] = rowsOf<{ n: number }>(
      await arranged.db.execute(sql`select count(*)::int as n from ads where ad_account_id = ${throttled!.id} and status = 'active'`),
    );
    expect(budget.capacityPerHour).toBe(metaUseCaseLimit('limited', budget.scope as 'ads_insights', active!.n));

    // Meta throttles the account (#613, a minute to wait): the next sync is refused by our own budget before it calls.
    await injectFault('meta', throttled!.externalId, 'rate_limit', 5);
    const limited = await runSyncJob(syncMessage(tenant.tenantId, throttled!.id, day, day), 1, deps);
    expect(limited.action).toMatchObject({ kind: 'defer', reason: 'throttled' });
    const refused = await runSyncJob(syncMessage(tenant.tenantId, throttled!.id, day, day), 1, deps);
    expect(refused).toMatchObject({ action: { kind: 'defer', reason: 'throttled' }, apiCalls: 0 });
    // A slot deferred too often is parked as a dead letter by the queue consumer.
    const parked = await deliver('tidemark-sync', [{ ...syncMessage(tenant.tenantId, throttled!.id, day, day), deferrals: MAX_DEFERRALS }]);
    expect(parked.explicitAcks).toHaveLength(1);

    // Five transient failures in a row (each a read and its one repeat) open the other account's breaker.
    await injectFault('meta', flaky!.externalId, 'server_error', 10);
    for (let i = 0; i < 5; i++) {
      expect((await runSyncJob(syncMessage(tenant.tenantId, flaky!.id, day, day), 1, deps)).action).toMatchObject({ kind: 'retry' });
    }
    const held = await runSyncJob(syncMessage(tenant.tenantId, flaky!.id, day, day), 1, deps);
    expect(held).toMatchObject({ action: { kind: 'defer' }, apiCalls: 0 });

    const now = workerNow();
    const view = await health(tenant.tenantId, now);
    const t = accountIn(view, throttled!.id);
    expect(t.status).toBe('throttled');
    expect(t.lastRun).toMatchObject({ lane: 'manual', outcome: 'rate_limited' });
    // Two refusals by the budget: the sync above and the parked one (refused once more before it was parked).
    expect(t.deferrals.count).toBe(2);
    expect(t.deferrals.byReason).toEqual({ budget: 2, breaker: 0, quota: 0 });
    expect(Date.parse(t.nextAllowedAt!)).toBeGreaterThan(now.getTime());
    expect(t.budget?.blockedUntil).toBe(t.nextAllowedAt);
    expect(t.deadLetters).toBe(1);
    expect(t.lastSyncedAt).toBe(accountIn(fresh, throttled!.id).lastSyncedAt);
    expect(view.deadLetters).toEqual([expect.objectContaining({ adAccountId: throttled!.id, lane: 'manual', from: day, to: day })]);

    const f = accountIn(view, flaky!.id);
    expect(f.status).toBe('breaker_open');
    expect(f.breaker).toMatchObject({ state: 'open' });
    expect(f.nextAllowedAt).toBe((f.breaker as { until: string }).until);
    expect(Date.parse(f.nextAllowedAt!) - now.getTime()).toBeGreaterThan(4 * 60_000);
    expect(f.lastRun).toMatchObject({ outcome: 'transient' });
    expect(f.deferrals.byReason).toEqual({ budget: 0, breaker: 1, quota: 0 });
    // Worst first: the open breaker before the throttled account.
    expect(view.accounts.map((a) => a.id).slice(0, 2)).toEqual([flaky!.id, throttled!.id]);
    expect(view.statusCounts).toMatchObject({ breaker_open: 1, throttled: 1 });
    // Each connector's pinned version, with its sunset counted from the view's day.
    expect(view.apiVersions.map((v) => [v.platform, v.version])).toEqual(
      (Object.keys(API_VERSIONS) as Array<keyof typeof API_VERSIONS>).map((p) => [p, API_VERSIONS[p].version]),
    );
    for (const v of view.apiVersions) expect(v.daysToSunset).toBe(daysUntil(v.sunset, now));
  });

  it("never shows another tenant's accounts, deferrals or dead letters", async () => {
    const mine = await createTenantWithData(arranged.db, []);
    const other = await createTenantWithData(arranged.db, []);
    await arranged.db.execute(sql`insert into sync_runs (tenant_id, ad_account_id, lane, window_from, window_to, outcome, deferral_reason)
      values (${other.tenantId}, ${other.adAccountId}, 'hot', '2026-11-30', '2026-11-30', 'deferred', 'quota')`);
    await recordDeadLetter(arranged.db, {
      messageId: `other-${other.tenantId}`,
      queue: 'tidemark-sync',
      attempts: 3,
      body: { kind: 'sync', tenantId: other.tenantId, adAccountId: other.adAccountId, lane: 'hot', from: '2026-11-30', to: '2026-11-30' },
    });

    const view = await health(mine.tenantId);
    expect(view.accounts.map((a) => a.id)).toEqual([mine.adAccountId]);
    expect(view.accounts[0]!.deferrals.count).toBe(0);
    expect(view.deadLetters).toEqual([]);
    const theirs = await health(other.tenantId);
    expect(theirs.accounts[0]!.deferrals.byReason.quota).toBe(1);
    expect(theirs.deadLetters).toHaveLength(1);
    // The factory's connection waits for re-authorization: that is what the account shows, and it is not measured for lag.
    expect(view.accounts[0]).toMatchObject({ status: 'needs_reauth', lag: { minutes: null } });
  });
});
