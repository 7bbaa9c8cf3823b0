import { describe, expect, it } from 'vitest';
import type { SyncLane } from '../../db/schema/enum-values';
import type { BucketPolicy } from './budget';
import { LANE_PRIORITY } from './budget-lanes';
import { freshScope, type GatePolicy, laneWaitMs, refundScope, reportScope, type ScopeState, scopeLevel, takeScope } from './budget-scope';

const T0 = Date.parse('2026-11-30T12:00:00Z');
const bucket: BucketPolicy = { capacity: 10, refillPerSecond: 1 };

function drain(policy: BucketPolicy, tokensLeft: number): ScopeState {
  let state = freshScope(policy, T0);
  for (let i = 0; i < policy.capacity - tokensLeft; i++) {
    const grant = takeScope(state, policy, T0, 1, 'hot');
    if (!grant.granted) throw new Error('drain refused');
    state = grant.state;
  }
  return state;
}

describe('lane priority on a scarce budget', () => {
  it.each<[number, SyncLane[]]>([
    [10, ['hot', 'manual', 'settling', 'backfill']],
    [4, ['hot', 'manual', 'settling', 'backfill']],
    [3, ['hot', 'manual', 'settling']],
    [1, ['hot', 'manual']],
    [0, []],
  ])('with %i of 10 tokens left, admits %j', (left, admitted) => {
    const state = drain(bucket, left);
    expect(LANE_PRIORITY.filter((lane) => takeScope(state, bucket, T0, 1, lane).granted)).toEqual(admitted);
  });

  it('tells a refused lane when that lane may go, not when the next token comes', () => {
    const state = drain(bucket, 1);
    // Backfill must leave 3 tokens (30%) and take 1: it waits for 4 tokens, 3 s of refill.
    expect(takeScope(state, bucket, T0, 1, 'backfill')).toMatchObject({ granted: false, retryAfterMs: 3000 });
    expect(takeScope(state, bucket, T0, 1, 'settling')).toMatchObject({ granted: false, retryAfterMs: 1000 });
    expect(takeScope(state, bucket, T0 + 3000, 1, 'backfill').granted).toBe(true);
  });

  it('tells a view, per lane, how long until that lane’s next call', () => {
    const state = drain(bucket, 2);
    expect(LANE_PRIORITY.map((lane) => laneWaitMs(state, bucket, T0, lane))).toEqual([0, 0, 0, 2000]);
  });

  it('a platform block holds every lane for its whole length', () => {
    const state = reportScope(freshScope(bucket, T0), bucket, { extraCalls: 0, usage: [], throttle: { retryAfterMs: 60_000 } }, T0);
    for (const lane of LANE_PRIORITY) expect(takeScope(state, bucket, T0, 1, lane)).toMatchObject({ granted: false, retryAfterMs: 60_000 });
  });
});

describe('gate scopes (Meta ad-account-wide blocks)', () => {
  const gate: GatePolicy = { kind: 'gate' };

  it('counts nothing and admits until the platform says to wait, then for exactly its figure', () => {
    let state = freshScope(gate, T0);
    for (let i = 0; i < 1000; i++) state = (takeScope(state, gate, T0, 1, 'backfill') as { state: ScopeState }).state;
    expect(takeScope(state, gate, T0, 1, 'backfill').granted).toBe(true);
    state = reportScope(state, gate, { extraCalls: 5, usage: [{ utilPct: 100, regainAccessMs: 90_000 }] }, T0);
    expect(takeScope(state, gate, T0 + 1000, 1, 'hot')).toMatchObject({ granted: false, retryAfterMs: 89_000 });
    expect(takeScope(state, gate, T0 + 90_000, 1, 'hot').granted).toBe(true);
    expect(scopeLevel(state, gate, T0)).toEqual({ capacity: null, available: null, blockedUntil: T0 + 90_000 });
  });
});

describe('scope states', () => {
  it('a stored state of another kind (a row from before its policy changed) starts fresh', () => {
    const old = freshScope(bucket, T0);
    expect(takeScope(old, { kind: 'gate' }, T0, 1, 'hot')).toEqual({ granted: true, state: { kind: 'gate', blockedUntil: 0 } });
  });

  it('a refund gives tokens back up to the capacity', () => {
    const state = drain(bucket, 5);
    expect(scopeLevel(refundScope(state, bucket, T0, 3), bucket, T0).available).toBe(8);
    expect(scopeLevel(refundScope(state, bucket, T0, 30), bucket, T0).available).toBe(10);
  });
});
