import { describe, expect, it } from 'vitest';
import type { BucketPolicy } from './budget';
import { parseBudgetKey } from './budget-keys';
import { type BudgetView, budgetOwner, viewBudget, viewBudgets } from './budget-view';
import { slidingDayPolicy } from './budget-window';

const policy: BucketPolicy = { capacity: 10, refillPerSecond: 1 };
const breakerPolicy = { failureThreshold: 5, coolDownMs: 60_000, probeTimeoutMs: 30_000 };
const NOW = Date.parse('2026-12-01T12:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const closed = { status: 'closed', failures: 0 };

describe('budgetOwner', () => {
  it.each([
    ['an ad account alone', 'acc-1', { owner: 'acc-1', scope: 'account' }],
    ['an ad account with a business use case', 'acc-1:ads_insights', { owner: 'acc-1', scope: 'ads_insights' }],
    ['an app quota', 'app:meta', { owner: 'meta', scope: 'app' }],
    ['a LinkedIn member', 'member:m-7', { owner: 'm-7', scope: 'member' }],
  ])('groups %s under its owner', (_name, key, expected) => {
    expect(budgetOwner(parseBudgetKey(key)!)).toEqual(expected);
  });
});

describe('viewBudget', () => {
  it.each<[string, { bucket: unknown; breaker: unknown }, Partial<BudgetView>]>([
    [
      'a full bucket with a closed breaker can call now and uses nothing',
      { bucket: { tokens: 10, updatedAt: NOW, blockedUntil: 0 }, breaker: closed },
      {
        tokensLeft: 10,
        utilizationPct: 0,
        blockedUntil: null,
        nextAllowedAt: at(0),
        breaker: { state: 'closed', failures: 0, until: null },
      },
    ],
    [
      'a bucket refills with the time since it was stored',
      { bucket: { tokens: 2, updatedAt: NOW - 3000, blockedUntil: 0 }, breaker: closed },
      { tokensLeft: 5, utilizationPct: 50, nextAllowedAt: at(0) },
    ],
    [
      'an empty bucket waits for the refill of one token',
      { bucket: { tokens: 0.5, updatedAt: NOW, blockedUntil: 0 }, breaker: closed },
      { tokensLeft: 0, utilizationPct: 95, nextAllowedAt: at(500) },
    ],
    [
      'a bucket in debt waits until the refill has paid it',
      { bucket: { tokens: -4, updatedAt: NOW, blockedUntil: 0 }, breaker: closed },
      { tokensLeft: -4, utilizationPct: 100, nextAllowedAt: at(5000) },
    ],
    [
      "a platform's block shows as full use until it ends",
      { bucket: { tokens: 10, updatedAt: NOW, blockedUntil: NOW + 90_000 }, breaker: closed },
      { utilizationPct: 100, blockedUntil: at(90_000), nextAllowedAt: at(90_000) },
    ],
    [
      'an open breaker holds calls until its cool-down ends, whatever the bucket holds',
      { bucket: { tokens: 10, updatedAt: NOW, blockedUntil: 0 }, breaker: { status: 'open', openedAt: NOW - 20_000 } },
      { breaker: { state: 'open', until: at(40_000) }, nextAllowedAt: at(40_000) },
    ],
    [
      'a half-open breaker with a probe out waits for the probe to time out',
      {
        bucket: { tokens: 10, updatedAt: NOW, blockedUntil: 0 },
        breaker: { status: 'half_open', openedAt: NOW - 90_000, probeAt: NOW - 10_000 },
      },
      { breaker: { state: 'half_open', until: at(20_000) }, nextAllowedAt: at(20_000) },
    ],
    [
      'the later of a block and an open breaker is the next allowed call',
      { bucket: { tokens: 10, updatedAt: NOW, blockedUntil: NOW + 120_000 }, breaker: { status: 'open', openedAt: NOW } },
      { nextAllowedAt: at(120_000) },
    ],
  ])('%s', (_name, row, expected) => {
    expect(viewBudget({ key: 'acc-1', ...row }, policy, NOW, breakerPolicy)).toMatchObject(expected);
  });

  it('states the most a bucket admits in an hour (its burst plus an hour of refill) and its burst', () => {
    const view = viewBudget(
      { key: 'acc-1:ads_insights', bucket: { tokens: 10, updatedAt: NOW, blockedUntil: 0 }, breaker: closed },
      policy,
      NOW,
    );
    expect(view).toMatchObject({ owner: 'acc-1', scope: 'ads_insights', capacityPerHour: 3610, capacity: 10 });
  });

  it('a scarce bucket lets the hot lane call now and holds backfill back until its reserve is refilled', () => {
    const view = viewBudget({ key: 'acc-1', bucket: { tokens: 2, updatedAt: NOW, blockedUntil: 0 }, breaker: closed }, policy, NOW);
    expect(view!.nextAllowedByLane.hot).toBe(at(0));
    expect(Date.parse(view!.nextAllowedByLane.backfill)).toBeGreaterThan(NOW);
    expect(Date.parse(view!.nextAllowedByLane.backfill)).toBeGreaterThanOrEqual(Date.parse(view!.nextAllowedByLane.settling));
  });

  it('a sliding 24-hour window shows its limit, what is left in it, and a day spread per hour', () => {
    const window = slidingDayPolicy(15_000);
    const view = viewBudget(
      { key: 'app:google_ads', bucket: { kind: 'window', slots: [], blockedUntil: 0 }, breaker: closed },
      window,
      NOW,
    );
    expect(view).toMatchObject({ owner: 'google_ads', scope: 'app', capacity: 15_000, tokensLeft: 15_000, capacityPerHour: 625 });
    expect(view!.utilizationPct).toBe(0);
  });

  it('a gate has no count of its own: no capacity, and it is full only while the platform blocks it', () => {
    const gate = { kind: 'gate' } as const;
    const open = viewBudget({ key: 'acc-1', bucket: { kind: 'gate', blockedUntil: 0 }, breaker: closed }, gate, NOW);
    expect(open).toMatchObject({ capacity: null, capacityPerHour: null, tokensLeft: null, utilizationPct: 0, nextAllowedAt: at(0) });
    const shut = viewBudget({ key: 'acc-1', bucket: { kind: 'gate', blockedUntil: NOW + 60_000 }, breaker: closed }, gate, NOW);
    expect(shut).toMatchObject({ utilizationPct: 100, blockedUntil: at(60_000), nextAllowedAt: at(60_000) });
  });

  it('a LinkedIn member day not yet learnt from a 429 has no known capacity', () => {
    const day = { kind: 'day', knownLimit: null } as const;
    const view = viewBudget(
      {
        key: 'member:m-1',
        bucket: { kind: 'day', day: Math.floor(NOW / 86_400_000), used: 40, learntLimit: null, throttled: false, blockedUntil: 0 },
        breaker: closed,
      },
      day,
      NOW,
    );
    expect(view).toMatchObject({ owner: 'm-1', scope: 'member', capacity: null, tokensLeft: null, utilizationPct: 0 });
  });

  it('leaves out a row whose shape it cannot read instead of guessing', () => {
    expect(viewBudget({ key: 'acc-1', bucket: { tokens: 'many' }, breaker: closed }, policy, NOW)).toBeNull();
    expect(
      viewBudget({ key: 'acc-1', bucket: { tokens: 1, updatedAt: NOW, blockedUntil: 0 }, breaker: { status: 'ajar' } }, policy, NOW),
    ).toBeNull();
  });
});

describe('viewBudgets', () => {
  it('views only the rows whose policy is known, by the parsed key', () => {
    const row = (key: string) => ({ key, bucket: { tokens: 1, updatedAt: NOW, blockedUntil: 0 }, breaker: closed });
    const views = viewBudgets([row('known:ads_insights'), row('other')], (key) => (key.startsWith('known') ? policy : null), NOW);
    expect(views.map((v) => v.key)).toEqual(['known:ads_insights']);
  });
});
