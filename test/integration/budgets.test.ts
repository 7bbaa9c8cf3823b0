import { env, runInDurableObject } from 'cloudflare:test';
import { getServerByName } from 'partyserver';
import { describe, expect, it } from 'vitest';
import type { BucketPolicy } from '../../worker/realtime/budget';
import { BudgetStore, UNHINTED_THROTTLE_MS } from '../../worker/realtime/budget-store';
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
        { admitted: false, retryAfterMs: 1000, reason: 'budget' },
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
      expect(store.admit('acct-1', POLICY, T0)).toEqual({ admitted: false, retryAfterMs: 3000, reason: 'budget' });
      expect(store.admit('acct-1', POLICY, T0 + 3000)).toEqual({ admitted: true });
    });
  });

  it('blocks for the platform’s hint after a throttle, and for the fallback when there was none', async () => {
    await withStore((store) => {
      store.report('hinted', POLICY, { outcome: 'rate_limited', usage: [], retryAfterMs: 42_000 }, T0);
      expect(store.admit('hinted', POLICY, T0 + 1000)).toEqual({ admitted: false, retryAfterMs: 41_000, reason: 'budget' });
      expect(store.admit('hinted', POLICY, T0 + 42_000)).toEqual({ admitted: true });
      store.report('unhinted', POLICY, { outcome: 'rate_limited', usage: [], retryAfterMs: null }, T0);
      expect(store.admit('unhinted', POLICY, T0)).toEqual({ admitted: false, retryAfterMs: UNHINTED_THROTTLE_MS, reason: 'budget' });
    });
  });

  it('slows to the refill rate when the platform reports high usage, and stops when it says to regain access later', async () => {
    await withStore((store) => {
      store.report('busy', POLICY, { outcome: 'success', usage: [{ utilPct: 80, regainAccessMs: null }] }, T0);
      expect(store.admit('busy', POLICY, T0)).toEqual({ admitted: false, retryAfterMs: 1000, reason: 'budget' });
      store.report('blocked', POLICY, { outcome: 'success', usage: [{ utilPct: 10, regainAccessMs: 7 * 60_000 }] }, T0);
      expect(store.admit('blocked', POLICY, T0)).toEqual({ admitted: false, retryAfterMs: 7 * 60_000, reason: 'budget' });
    });
  });

  it('opens the breaker after five transient failures, lets one probe through after the cool-down, and closes on success', async () => {
    await withStore((store) => {
      const policy = { capacity: 100, refillPerSecond: 100 };
      for (let i = 0; i < 5; i++) store.report('flaky', policy, { outcome: 'failure', usage: [] }, T0);
      expect(store.admit('flaky', policy, T0 + 1000)).toEqual({ admitted: false, retryAfterMs: 299_000, reason: 'breaker' });
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
        expect(store.admit('lost-probe', policy, T0 + 599_999)).toEqual({ admitted: false, retryAfterMs: 1, reason: 'breaker' });
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

  it('shares one app-wide budget per platform and keeps the platforms apart', async () => {
    const quota = await getServerByName(env.PlatformQuota, unique('credential'));
    expect([await quota.admit('meta', tight), await quota.admit('meta', tight)]).toEqual([{ admitted: true }, { admitted: true }]);
    const refused = await quota.admit('meta', tight);
    expect(refused).toMatchObject({ admitted: false, reason: 'budget' });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(990_000);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(1_000_000);
    expect(await quota.admit('google_ads', tight)).toEqual({ admitted: true });
    const otherCredential = await getServerByName(env.PlatformQuota, unique('credential'));
    expect(await otherCredential.admit('meta', tight)).toEqual({ admitted: true });
  });

  it('blocks the platform after a reported app-level throttle', async () => {
    const quota = await getServerByName(env.PlatformQuota, unique('credential'));
    await quota.report('linkedin', tight, { outcome: 'rate_limited', usage: [], retryAfterMs: 60_000 });
    const refused = await quota.admit('linkedin', tight);
    expect(refused).toMatchObject({ admitted: false, reason: 'budget' });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(59_000);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('TenantHub account budgets over RPC', () => {
  it('slows one throttled ad account without touching the tenant’s other accounts or another tenant', async () => {
    const tenant = crypto.randomUUID();
    const hub = await getServerByName(env.TenantHub, tenant);
    await hub.report('acct-a', 'google_ads', { outcome: 'rate_limited', usage: [], retryAfterMs: 30_000 });
    expect(await hub.admit('acct-a', 'google_ads')).toMatchObject({ admitted: false, reason: 'budget' });
    expect(await hub.admit('acct-b', 'google_ads')).toEqual({ admitted: true });
    const neighbour = await getServerByName(env.TenantHub, crypto.randomUUID());
    expect(await neighbour.admit('acct-a', 'google_ads')).toEqual({ admitted: true });
    // The RPC type of the snapshot's unknown-typed fields collapses to never; read the keys only.
    const keys = ((await hub.budgets()) as unknown as Array<{ key: string }>).map((b) => b.key);
    expect(keys.sort()).toEqual(['acct-a', 'acct-b']);
  });
});
