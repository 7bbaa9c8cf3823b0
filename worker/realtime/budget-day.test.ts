import { describe, expect, it } from 'vitest';
import { chargeDay, type DayPolicy, type DayState, freshDay, nextMidnightUtc, rollDay, takeFromDay, throttleDay } from './budget-day';
import { LANE_RESERVE } from './budget-lanes';

const member: DayPolicy = { kind: 'day', knownLimit: null };
const EVENING = Date.parse('2026-11-30T20:00:00Z');
const MIDNIGHT = Date.parse('2026-12-01T00:00:00Z');

function spend(state: DayState, policy: DayPolicy, now: number, calls: number): DayState {
  let next = state;
  for (let i = 0; i < calls; i++) {
    const grant = takeFromDay(next, policy, now, 1, 0);
    if (!grant.granted) throw new Error(`refused at call ${i}`);
    next = grant.state;
  }
  return next;
}

describe('UTC-day limit learnt from 429s (LinkedIn)', () => {
  it('admits every lane while no limit is known', () => {
    const state = spend(freshDay(EVENING), member, EVENING, 50);
    expect(takeFromDay(state, member, EVENING, 1, LANE_RESERVE.backfill).granted).toBe(true);
  });

  it('a 429 sets the learnt limit to what was used and blocks until midnight UTC', () => {
    const state = throttleDay(spend(freshDay(EVENING), member, EVENING, 40), EVENING + 1000);
    expect(state).toMatchObject({ learntLimit: 40, blockedUntil: MIDNIGHT });
    expect(takeFromDay(state, member, EVENING + 2000, 1, 0)).toMatchObject({ granted: false, retryAfterMs: MIDNIGHT - EVENING - 2000 });
  });

  it('starts a fresh count at midnight UTC, keeping the learnt limit for the lanes’ reserves', () => {
    const throttled = throttleDay(spend(freshDay(EVENING), member, EVENING, 40), EVENING);
    const nextDay = rollDay(throttled, MIDNIGHT);
    expect(nextDay).toMatchObject({ used: 0, learntLimit: 40, blockedUntil: 0, throttled: false });
    expect(takeFromDay(throttled, member, MIDNIGHT, 1, 0).granted).toBe(true);
    // Backfill leaves 30% of the learnt 40 to the hot lane: 28 calls, then it waits for the next midnight.
    const busy = spend(nextDay, member, MIDNIGHT, 28);
    expect(takeFromDay(busy, member, MIDNIGHT + 1000, 1, LANE_RESERVE.backfill)).toMatchObject({
      granted: false,
      retryAfterMs: nextMidnightUtc(MIDNIGHT) - MIDNIGHT - 1000,
    });
    expect(takeFromDay(busy, member, MIDNIGHT + 1000, 1, LANE_RESERVE.settling).granted).toBe(true);
  });

  it('the hot lane keeps probing past the learnt limit, and a day that ends above it without a 429 raises it', () => {
    const learnt = rollDay(throttleDay(spend(freshDay(EVENING), member, EVENING, 10), EVENING), MIDNIGHT);
    const busy = spend(learnt, member, MIDNIGHT, 25);
    expect(busy.used).toBe(25);
    expect(rollDay(busy, nextMidnightUtc(MIDNIGHT)).learntLimit).toBe(25);
  });

  it('a configured limit holds every lane, hot included', () => {
    const app: DayPolicy = { kind: 'day', knownLimit: 5 };
    const state = spend(freshDay(EVENING), app, EVENING, 5);
    expect(takeFromDay(state, app, EVENING, 1, 0)).toMatchObject({ granted: false, retryAfterMs: MIDNIGHT - EVENING });
  });

  it('charges calls beyond the reservation and gives back unused ones, never below zero', () => {
    const state = spend(freshDay(EVENING), member, EVENING, 2);
    expect(chargeDay(state, EVENING, 3).used).toBe(5);
    expect(chargeDay(state, EVENING, -5).used).toBe(0);
  });
});
