import { describe, expect, it } from 'vitest';
import type { BucketPolicy } from './budget';
import { type BudgetView, parseBudgetKey, viewBudget, viewBudgets } from './budget-view';

const policy: BucketPolicy = { capacity: 10, refillPerSecond: 1 };
const breakerPolicy = { failureThreshold: 5, coolDownMs: 60_000, probeTimeoutMs: 30_000 };
const NOW = Date.parse('2026-12-01T12:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const closed = { status: 'closed', failures: 0 };

describe('parseBudgetKey', () => {
  it.each([
    ['an ad account id alone', 'acc-1', { owner: 'acc-1', scope: null }],
    ['an ad account with a business use case', 'acc-1:ads_insights', { owner: 'acc-1', scope: 'ads_insights' }],
    ['a platform key of the app quota', 'meta', { owner: 'meta', scope: null }],
  ])('reads %s', (_name, key, expected) => {
    expect(parseBudgetKey(key)).toEqual(expected);
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

  it('states the sustained hourly capacity and the burst of the policy', () => {
    const view = viewBudget(
      { key: 'acc-1:ads_insights', bucket: { tokens: 10, updatedAt: NOW, blockedUntil: 0 }, breaker: closed },
      policy,
      NOW,
    );
    expect(view).toMatchObject({ owner: 'acc-1', scope: 'ads_insights', capacityPerHour: 3600, capacity: 10 });
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
    const views = viewBudgets([row('known:ads_insights'), row('unknown')], ({ owner }) => (owner === 'known' ? policy : undefined), NOW);
    expect(views.map((v) => v.key)).toEqual(['known:ads_insights']);
  });
});
