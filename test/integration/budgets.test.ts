import { env, runInDurableObject } from 'cloudflare:test';
import { getServerByName } from 'partyserver';
import { describe, expect, it } from 'vitest';
import type { BucketPolicy } from '../../worker/realtime/budget';
import type { ScopePolicy } from '../../worker/realtime/budget-scope';
import type { Demand } from '../../worker/realtime/budget-scopes';
import { type BudgetRow, BudgetStore, UNHINTED_THROTTLE_MS } from '../../worker/realtime/budget-store';
import { slidingDayPolicy } from '../../worker/realtime/budget-window';
import type { PlatformQuota } from '../../worker/realtime/platform-quota';
import { unique } from './support';

/** BudgetStore on a real Durable Object's SQLite, and the PlatformQuota and TenantHub budgets over RPC. */
const T0 = Date.parse('2026-11-29T15:00:00Z');
const POLICY: BucketPolicy = { capacity: 3, refillPerSecond: 1 };

/** Runs `fn` with a BudgetStore over the SQLite of a fresh PlatformQuota object. */
async function withStore<T>(fn: (store: BudgetStore, reopen: () => BudgetStore) => T | Promise<T>): Promise<T> {
  const namespace = env.PlatformQuota as DurableObjectNamespace<PlatformQuota>;
  const stub = namespace.get(namespace.idFromName(unique('budget-store')));
  return runInDurableObject(stub, (instance) => {
    const sql = instance.sql.bind(instance);
    return fn(new BudgetStore(sql), () => new BudgetStore(sql));
  });
}

describe('BudgetStore in Durable Object SQLite', () => {
  it('admits a burst of capacity calls, then says how long until the refill pays for the next', async () => {
    await withStore((store) => {
      const verdicts = [0, 1, 2, 3].map(() => store.admit('acct-1', POLICY, T0));
      expect(verdicts).toEqual([
        { admitted: true },
        { admitted: true },
        { admitted: true },
        { admitted: false, retryAfterMs: 1000, reason: 'budget', scope: 'acct-1', lane: 'hot' },
      ]);
      expect(store.admit('acct-1', POLICY, T0 + 999)).toMatchObject({ admitted: false, reason: 'budget' });
      expect(store.admit('acct-1', POLICY, T0 + 1000)).toEqual({ admitted: true });
    });
  });

  it('charges the calls a sync made beyond its admission, so the next one waits until the debt is paid', async () => {
    await withStore((store) => {
      expect(store.admit('acct-1', POLICY, T0)).toEqual({ admitted: true });
      store.report('acct-1', POLICY, { outcome: 'success', usage: [], calls: 5 }, T0);
      // 3 - 1 (admission) - 4 (extra calls) = -2 tokens: three seconds of refill to reach one.
      expect(store.admit('acct-1', POLICY, T0)).toMatchObject({ admitted: false, retryAfterMs: 3000, reason: 'budget' });
      expect(store.admit('acct-1', POLICY, T0 + 3000)).toEqual({ admitted: true });
    });
  });

  it('blocks for the platform’s hint after a throttle, and for the fallback when there was none', async () => {
    await withStore((store) => {
      store.report('hinted', POLICY, { outcome: 'rate_limited', usage: [], retryAfterMs: 42_000 }, T0);
      expect(store.admit('hinted', POLICY, T0 + 1000)).toMatchObject({ admitted: false, retryAfterMs: 41_000, reason: 'budget' });
      expect(store.admit('hinted', POLICY, T0 + 42_000)).toEqual({ admitted: true });
      store.report('unhinted', POLICY, { outcome: 'rate_limited', usage: [], retryAfterMs: null }, T0);
      expect(store.admit('unhinted', POLICY, T0)).toMatchObject({ admitted: false, retryAfterMs: UNHINTED_THROTTLE_MS, reason: 'budget' });
    });
  });

  it('slows to the refill rate when the platform reports high usage, and stops when it says to regain access later', async () => {
    await withStore((store) => {
      store.report('busy', POLICY, { outcome: 'success', usage: [{ utilPct: 80, regainAccessMs: null }] }, T0);
      expect(store.admit('busy', POLICY, T0)).toMatchObject({ admitted: false, retryAfterMs: 1000, reason: 'budget' });
      store.report('blocked', POLICY, { outcome: 'success', usage: [{ utilPct: 10, regainAccessMs: 7 * 60_000 }] }, T0);
      expect(store.admit('blocked', POLICY, T0)).toMatchObject({ admitted: false, retryAfterMs: 7 * 60_000, reason: 'budget' });
    });
  });

  it('opens the breaker after five transient failures, lets one probe through after the cool-down, and closes on success', async () => {
    await withStore((store) => {
      const policy = { capacity: 100, refillPerSecond: 100 };
      for (let i = 0; i < 5; i++) store.report('flaky', policy, { outcome: 'failure', usage: [] }, T0);
      expect(store.admit('flaky', policy, T0 + 1000)).toEqual({
        admitted: false,
        retryAfterMs: 299_000,
        reason: 'breaker',
        scope: 'flaky',
        lane: 'hot',
      });
      // Rate limits are the budget's business, not failures: they leave the breaker as it is.
      store.report('flaky', policy, { outcome: 'rate_limited', usage: [], retryAfterMs: 1 }, T0 + 2000);
      expect(store.admit('flaky', policy, T0 + 300_000)).toEqual({ admitted: true });
      expect(store.admit('flaky', policy, T0 + 300_001)).toMatchObject({ admitted: false, reason: 'breaker' });
      store.report('flaky', policy, { outcome: 'success', usage: [] }, T0 + 300_002);
      expect(store.admit('flaky', policy, T0 + 300_003)).toEqual({ admitted: true });
    });
  });

  describe('a half-open breaker is never stuck', () => {
    const policy = { capacity: 100, refillPerSecond: 100 };
    const openBreaker = (store: BudgetStore, key: string) => {
      for (let i = 0; i < 5; i++) store.report(key, policy, { outcome: 'failure', usage: [] }, T0);
    };

    it('a probe refused by the budget does not take the probe slot', async () => {
      await withStore((store) => {
        openBreaker(store, 'blocked-probe');
        store.report('blocked-probe', policy, { outcome: 'rate_limited', usage: [], retryAfterMs: 400_000 }, T0);
        expect(store.admit('blocked-probe', policy, T0 + 300_000)).toMatchObject({ admitted: false, reason: 'budget' });
        expect(store.admit('blocked-probe', policy, T0 + 400_000)).toEqual({ admitted: true });
      });
    });

    it('a throttled probe releases the slot, and the next admission probes once the block is over', async () => {
      await withStore((store) => {
        openBreaker(store, 'throttled-probe');
        expect(store.admit('throttled-probe', policy, T0 + 300_000)).toEqual({ admitted: true });
        store.report('throttled-probe', policy, { outcome: 'rate_limited', usage: [], retryAfterMs: 1000 }, T0 + 300_010);
        expect(store.admit('throttled-probe', policy, T0 + 301_010)).toEqual({ admitted: true });
      });
    });

    it('a probe given back unused (the app quota refused it, the token refresh failed) releases the slot', async () => {
      await withStore((store) => {
        openBreaker(store, 'released-probe');
        expect(store.admit('released-probe', policy, T0 + 300_000)).toEqual({ admitted: true });
        store.release('released-probe', policy, T0 + 300_000);
        expect(store.admit('released-probe', policy, T0 + 300_001)).toEqual({ admitted: true });
        store.report('released-probe', policy, { outcome: 'inconclusive', usage: [], calls: 0 }, T0 + 300_002);
        expect(store.admit('released-probe', policy, T0 + 300_003)).toEqual({ admitted: true });
      });
    });

    it('a probe that never reports is presumed lost after the probe timeout', async () => {
      await withStore((store) => {
        openBreaker(store, 'lost-probe');
        expect(store.admit('lost-probe', policy, T0 + 300_000)).toEqual({ admitted: true });
        expect(store.admit('lost-probe', policy, T0 + 599_999)).toMatchObject({ admitted: false, retryAfterMs: 1, reason: 'breaker' });
        expect(store.admit('lost-probe', policy, T0 + 600_000)).toEqual({ admitted: true });
      });
    });
  });

  it('keeps each key’s state apart and durable across a new store on the same storage', async () => {
    await withStore((store, reopen) => {
      for (let i = 0; i < 3; i++) store.admit('spent', POLICY, T0);
      expect(store.admit('fresh', POLICY, T0)).toEqual({ admitted: true });
      const again = reopen();
      expect(again.admit('spent', POLICY, T0)).toMatchObject({ admitted: false, reason: 'budget' });
      expect(again.snapshot().map((row) => row.key)).toEqual(['fresh', 'spent']);
    });
  });
});

describe('PlatformQuota over RPC', () => {
  const tight: BucketPolicy = { capacity: 2, refillPerSecond: 0.001 };
  const demand = (key: string, policy: ScopePolicy = tight): Demand => ({ key, policy, cost: 1 });

  it('shares one app-wide budget per platform and keeps the platforms apart', async () => {
    const quota = await getServerByName(env.PlatformQuota, unique('credential'));
    const meta = [demand('app:meta')];
    expect([await quota.admit('hot', meta, T0), await quota.admit('hot', meta, T0)]).toEqual([{ admitted: true }, { admitted: true }]);
    const refused = await quota.admit('hot', meta, T0);
    expect(refused).toEqual({ admitted: false, reason: 'budget', scope: 'app:meta', lane: 'hot', retryAfterMs: 1_000_000 });
    expect(await quota.admit('hot', [demand('app:google_ads')], T0)).toEqual({ admitted: true });
    const otherCredential = await getServerByName(env.PlatformQuota, unique('credential'));
    expect(await otherCredential.admit('hot', meta, T0)).toEqual({ admitted: true });
  });

  it('blocks the platform after a reported app-level throttle, on the caller’s clock', async () => {
    const quota = await getServerByName(env.PlatformQuota, unique('credential'));
    const policy: BucketPolicy = { capacity: 2, refillPerSecond: 1 };
    await quota.report([{ key: 'app:meta', policy, report: { outcome: 'rate_limited', usage: [], retryAfterMs: 60_000 } }], T0);
    expect(await quota.admit('hot', [demand('app:meta', policy)], T0 + 1000)).toMatchObject({ admitted: false, retryAfterMs: 59_000 });
    expect(await quota.admit('hot', [demand('app:meta', policy)], T0 + 60_000)).toEqual({ admitted: true });
    const rows = (await quota.budgets(T0)) as unknown as BudgetRow[];
    expect(rows.map((r) => r.key)).toEqual(['app:meta']);
  });

  it('never admits more of Google’s daily operations than the quota, whichever tenants ask', async () => {
    const quota = await getServerByName(env.PlatformQuota, unique('credential'));
    const ops = [{ key: 'app:google_ads', policy: slidingDayPolicy(5), cost: 2 }];
    const verdicts = await Promise.all([0, 1, 2, 3].map(() => quota.admit('hot', ops, T0)));
    expect(verdicts.filter((v) => v.admitted)).toHaveLength(2);
    expect(await quota.admit('hot', [{ ...ops[0]!, cost: 1 }], T0)).toEqual({ admitted: true });
    expect(await quota.admit('hot', [{ ...ops[0]!, cost: 1 }], T0 + 23 * 3_600_000)).toMatchObject({
      admitted: false,
      scope: 'app:google_ads',
    });
  });
});

describe('TenantHub account budgets over RPC', () => {
  const google = (key: string): Demand => ({ key, policy: { capacity: 10, refillPerSecond: 1 }, cost: 1, breaker: true });

  it('slows one throttled ad account without touching the tenant’s other accounts or another tenant', async () => {
    const tenant = crypto.randomUUID();
    const hub = await getServerByName(env.TenantHub, tenant);
    const a = google('acct-a');
    await hub.report([{ key: a.key, policy: a.policy, report: { outcome: 'rate_limited', usage: [], retryAfterMs: 30_000 } }], T0);
    expect(await hub.admit('hot', [a], T0)).toMatchObject({ admitted: false, reason: 'budget', scope: 'acct-a' });
    expect(await hub.admit('hot', [google('acct-b')], T0)).toEqual({ admitted: true });
    const neighbour = await getServerByName(env.TenantHub, crypto.randomUUID());
    expect(await neighbour.admit('hot', [a], T0)).toEqual({ admitted: true });
    const keys = ((await hub.budgets(T0)) as unknown as BudgetRow[]).map((b) => b.key);
    expect(keys.sort()).toEqual(['acct-a', 'acct-b']);
  });

  it('concurrent admissions for one account share its budget: never more than it holds', async () => {
    const hub = await getServerByName(env.TenantHub, crypto.randomUUID());
    const demands: Demand[] = [
      { key: 'acct', policy: { kind: 'gate' }, cost: 1, breaker: true },
      { key: 'acct:ads_insights', policy: { capacity: 5, refillPerSecond: 0.0001 }, cost: 1 },
    ];
    const lanes = ['hot', 'settling', 'backfill', 'hot', 'hot', 'backfill', 'settling', 'hot', 'hot', 'hot', 'hot', 'hot'] as const;
    const verdicts = await Promise.all(lanes.map((lane) => hub.admit(lane, demands, T0)));
    expect(verdicts.filter((v) => v.admitted)).toHaveLength(5);
    const insights = ((await hub.budgets(T0)) as unknown as BudgetRow[]).find((r) => r.key === 'acct:ads_insights')!;
    expect((insights.bucket as { tokens: number }).tokens).toBe(0);
  });
});
