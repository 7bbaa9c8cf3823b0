/**
 * A daily limit counted per UTC day (LinkedIn: per application and per member, reset at midnight
 * UTC, numbers unpublished, no rate headers). The limit is learnt from 429s: a 429 sets the learnt
 * limit to what that scope used today and blocks it until midnight; at midnight the count starts
 * again. Pure.
 *
 * The learnt limit is kept for the following days as the capacity that lane reserves are taken
 * from (settling and backfill leave their share of it to hot). The hot lane is held only by a
 * configured limit and by the platform's own 429, so it keeps probing: a day that ends above the
 * learnt limit without a 429 raises it.
 */
import { DAY_MS } from './budget-window';

export interface DayPolicy {
  kind: 'day';
  /** A limit we know from configuration (LinkedIn's application day); null when unpublished (members). */
  knownLimit: number | null;
}

export interface DayState {
  kind: 'day';
  /** UTC day number (epoch ms / 86 400 000, floored) the count belongs to. */
  day: number;
  used: number;
  /** What the scope had used when LinkedIn last answered 429; null until one came. */
  learntLimit: number | null;
  /** Whether today's count ended in a 429. */
  throttled: boolean;
  blockedUntil: number;
}

export type DayGrant = { granted: true; state: DayState } | { granted: false; retryAfterMs: number; state: DayState };

const dayOf = (now: number) => Math.floor(now / DAY_MS);
/** Epoch ms of the next midnight UTC after `now`. */
export const nextMidnightUtc = (now: number) => (dayOf(now) + 1) * DAY_MS;

export function freshDay(now: number): DayState {
  return { kind: 'day', day: dayOf(now), used: 0, learntLimit: null, throttled: false, blockedUntil: 0 };
}

/** The state as of `now`: a new UTC day starts a new count (and a day that ended unthrottled above the learnt limit raises it). */
export function rollDay(state: DayState, now: number): DayState {
  if (dayOf(now) <= state.day) return state;
  const raised = !state.throttled && state.learntLimit !== null && state.used > state.learntLimit;
  return {
    ...freshDay(now),
    learntLimit: raised ? state.used : state.learntLimit,
    blockedUntil: state.blockedUntil > now ? state.blockedUntil : 0,
  };
}

/** The capacity lane reserves are taken from: the tighter of the known and the learnt limit (null: none known). */
export function dayCapacity(state: DayState, policy: DayPolicy): number | null {
  const limits = [policy.knownLimit, state.learntLimit].filter((l): l is number => l !== null);
  return limits.length ? Math.min(...limits) : null;
}

/**
 * Takes `cost` calls of today's count. `reserveShare` is the lane's share of the capacity it must
 * leave (0 for hot, which is held only by the known limit); a refusal waits until midnight UTC,
 * when the count starts again.
 */
export function takeFromDay(state: DayState, policy: DayPolicy, now: number, cost: number, reserveShare: number): DayGrant {
  const current = rollDay(state, now);
  const untilMidnight = nextMidnightUtc(now) - now;
  if (now < current.blockedUntil) return { granted: false, retryAfterMs: current.blockedUntil - now, state: current };
  const capacity = reserveShare > 0 ? dayCapacity(current, policy) : policy.knownLimit;
  const allowed = capacity === null ? Number.POSITIVE_INFINITY : capacity * (1 - reserveShare);
  if (current.used + cost > allowed) return { granted: false, retryAfterMs: untilMidnight, state: current };
  return { granted: true, state: { ...current, used: current.used + cost } };
}

/** Adds calls beyond the admission's reservation, or gives back an unused one (negative). */
export function chargeDay(state: DayState, now: number, calls: number): DayState {
  const current = rollDay(state, now);
  return { ...current, used: Math.max(0, current.used + calls) };
}

/** A 429: the learnt limit becomes what was used today, and the scope waits for midnight UTC. */
export function throttleDay(state: DayState, now: number): DayState {
  const current = rollDay(state, now);
  return { ...current, learntLimit: current.used, throttled: true, blockedUntil: Math.max(current.blockedUntil, nextMidnightUtc(now)) };
}
