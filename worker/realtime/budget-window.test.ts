import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncLane } from '../../db/schema/enum-values';
import { laneReserve } from './budget-lanes';
import {
  chargeWindow,
  DAY_MS,
  freshWindow,
  refundWindow,
  slidingDayPolicy,
  takeFromWindow,
  throttleWindow,
  type WindowState,
  windowUsed,
} from './budget-window';

const policy = slidingDayPolicy(10);
const T0 = Date.parse('2026-11-30T00:00:00Z');

function takeAll(state: WindowState, now: number, times: number, cost = 1): WindowState {
  let next = state;
  for (let i = 0; i < times; i++) {
    const grant = takeFromWindow(next, policy, now, cost);
    if (!grant.granted) throw new Error(`refused at take ${i}`);
    next = grant.state;
  }
  return next;
}

describe('sliding-window quota (Google daily operations)', () => {
  it('admits up to the limit, then says when enough of the oldest slot leaves the window', () => {
    const state = takeAll(freshWindow(), T0, 10);
    const refused = takeFromWindow(state, policy, T0 + 60_000);
    // The slot of T0 stops counting two slots (one of margin) after it would leave a plain 24 h window.
    expect(refused).toMatchObject({ granted: false, retryAfterMs: 2 * policy.slotMs + DAY_MS - 60_000 });
    expect(takeFromWindow(state, policy, T0 + 2 * policy.slotMs + DAY_MS).granted).toBe(true);
    expect(takeFromWindow(state, policy, T0 + 2 * policy.slotMs + DAY_MS - 1).granted).toBe(false);
  });

  it('reserves a sync’s whole cost at once and refuses a cost that does not fit', () => {
    const state = takeAll(freshWindow(), T0, 4, 2);
    expect(windowUsed(state, policy, T0)).toBe(8);
    expect(takeFromWindow(state, policy, T0, 3).granted).toBe(false);
    expect(takeFromWindow(state, policy, T0, 2).granted).toBe(true);
  });

  it('leaves a lane’s reserve: backfill stops while hot still gets the last operations', () => {
    const state = takeAll(freshWindow(), T0, 7);
    expect(takeFromWindow(state, policy, T0, 1, laneReserve('backfill', 10)).granted).toBe(false);
    expect(takeFromWindow(state, policy, T0, 1, laneReserve('settling', 10)).granted).toBe(true);
    expect(takeFromWindow(takeAll(state, T0, 2), policy, T0, 1, laneReserve('hot', 10)).granted).toBe(true);
  });

  it('gives back a reservation that was never used, and logs calls beyond it', () => {
    let state = takeAll(freshWindow(), T0, 3, 2);
    state = refundWindow(state, policy, T0, 2);
    expect(windowUsed(state, policy, T0)).toBe(4);
    state = chargeWindow(state, policy, T0 + 1000, 3);
    expect(windowUsed(state, policy, T0 + 1000)).toBe(7);
  });

  it('blocks for Google’s retryDelay after RESOURCE_EXHAUSTED', () => {
    const state = throttleWindow(freshWindow(), policy, T0, 3_600_000);
    expect(takeFromWindow(state, policy, T0 + 1000)).toMatchObject({ granted: false, retryAfterMs: 3_599_000 });
    expect(takeFromWindow(state, policy, T0 + 3_600_000).granted).toBe(true);
  });

  it('never lets any 24 hours hold more calls than the quota, whatever the admissions, lanes, costs and timing', () => {
    const lanes: SyncLane[] = ['hot', 'manual', 'settling', 'backfill'];
    const step = fc.record({
      gapMs: fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 6 * 3_600_000 })),
      cost: fc.integer({ min: 1, max: 3 }),
      used: fc.integer({ min: 0, max: 3 }),
      lane: fc.constantFrom(...lanes),
      // Calls go out within one slot of their admission (a Google sync is two 30 s requests at most).
      lagMs: fc.integer({ min: 0, max: policy.slotMs - 1 }),
      released: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(step, { minLength: 1, maxLength: 300 }), (limit, steps) => {
        const quota = slidingDayPolicy(limit);
        let state = freshWindow();
        let now = T0;
        const calls: number[] = [];
        for (const s of steps) {
          now += s.gapMs;
          const grant = takeFromWindow(state, quota, now, s.cost, laneReserve(s.lane, limit));
          state = grant.state;
          if (!grant.granted) continue;
          if (s.released) {
            state = refundWindow(state, quota, now, s.cost);
            continue;
          }
          const made = Math.min(s.used, s.cost);
          for (let i = 0; i < made; i++) calls.push(now + s.lagMs);
          state = chargeWindow(state, quota, now + s.lagMs, made - s.cost);
        }
        calls.sort((a, b) => a - b);
        // The busiest 24 h window ends at some call: count the calls in (t - 24 h, t].
        let start = 0;
        for (let end = 0; end < calls.length; end++) {
          while (calls[start]! <= calls[end]! - DAY_MS) start++;
          expect(end - start + 1).toBeLessThanOrEqual(limit);
        }
      }),
      { numRuns: 300 },
    );
  });
});
