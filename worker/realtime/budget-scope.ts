/**
 * One budget scope, whatever the platform counts it in: a token bucket (a rolling window the
 * platform reports usage for), a gate (only "wait" signals, no count of its own), a sliding window
 * that is never exceeded, or a UTC day learnt from 429s. The store calls these; pure.
 */
import type { SyncLane } from '../../db/schema/enum-values';
import {
  applyThrottle,
  applyUsage,
  type BucketPolicy,
  type BucketState,
  chargeExtraCalls,
  freshBucket,
  refill,
  takeTokens,
  type UsageReading,
} from './budget';
import { chargeDay, type DayPolicy, type DayState, dayCapacity, freshDay, rollDay, takeFromDay, throttleDay } from './budget-day';
import { LANE_RESERVE, laneReserve } from './budget-lanes';
import {
  chargeWindow,
  freshWindow,
  refundWindow,
  takeFromWindow,
  throttleWindow,
  type WindowPolicy,
  type WindowState,
  windowUsed,
} from './budget-window';

/** Blocks only: what a platform says about a scope it has no count for (Meta's ad-account-wide usage and #613). */
export interface GatePolicy {
  kind: 'gate';
}
export interface GateState {
  kind: 'gate';
  blockedUntil: number;
}

/** A token bucket's policy; `kind` is absent on policies written before there were other kinds. */
export type TokenBucketPolicy = BucketPolicy & { kind?: 'bucket' };
export type ScopePolicy = TokenBucketPolicy | GatePolicy | WindowPolicy | DayPolicy;
/** The stored state of one scope (BudgetRow.bucket); a token bucket's has no `kind`. */
export type ScopeState = BucketState | GateState | WindowState | DayState;

export type ScopeGrant = { granted: true; state: ScopeState } | { granted: false; retryAfterMs: number; state: ScopeState };

const kindOf = (policy: ScopePolicy) => policy.kind ?? 'bucket';
const stateKind = (state: ScopeState) => ('kind' in state ? state.kind : 'bucket');

export function freshScope(policy: ScopePolicy, now: number): ScopeState {
  switch (policy.kind) {
    case 'gate':
      return { kind: 'gate', blockedUntil: 0 };
    case 'window':
      return freshWindow();
    case 'day':
      return freshDay(now);
    default:
      return freshBucket(policy, now);
  }
}

/** The stored state, or a fresh one when the scope's kind changed (a policy from before a migration). */
export function scopeState(stored: ScopeState | null, policy: ScopePolicy, now: number): ScopeState {
  return stored && stateKind(stored) === kindOf(policy) ? stored : freshScope(policy, now);
}

/** Takes `cost` for `lane`, leaving the lane's reserve; a refusal says when this lane may go. */
export function takeScope(stored: ScopeState, policy: ScopePolicy, now: number, cost: number, lane: SyncLane): ScopeGrant {
  const state = scopeState(stored, policy, now);
  switch (policy.kind) {
    case 'gate': {
      const gate = state as GateState;
      return now < gate.blockedUntil ? { granted: false, retryAfterMs: gate.blockedUntil - now, state } : { granted: true, state };
    }
    case 'window':
      return takeFromWindow(state as WindowState, policy, now, cost, laneReserve(lane, policy.limit));
    case 'day':
      return takeFromDay(state as DayState, policy, now, cost, LANE_RESERVE[lane]);
    default:
      return takeTokens(state as BucketState, policy, now, cost, laneReserve(lane, policy.capacity));
  }
}

/** Gives back `cost` taken at `now` that was never spent. */
export function refundScope(stored: ScopeState, policy: ScopePolicy, now: number, cost: number): ScopeState {
  const state = scopeState(stored, policy, now);
  switch (policy.kind) {
    case 'gate':
      return state;
    case 'window':
      return refundWindow(state as WindowState, policy, now, cost);
    case 'day':
      return chargeDay(state as DayState, now, -cost);
    default: {
      const bucket = refill(state as BucketState, policy, now);
      return { ...bucket, tokens: Math.min(policy.capacity, bucket.tokens + cost) };
    }
  }
}

/** What a sync learnt about one scope: calls beyond its reservation, the platform's readings, a throttle. */
export interface ScopeFeedback {
  /** Calls made minus the calls reserved at admission. */
  extraCalls: number;
  usage: UsageReading[];
  /** Present when the platform throttled this scope: its retry hint (null when it gave none). */
  throttle?: { retryAfterMs: number | null };
}

/** Fallback block when a throttle came without a hint (LinkedIn sends none). */
export const UNHINTED_THROTTLE_MS = 5 * 60_000;

export function reportScope(stored: ScopeState, policy: ScopePolicy, feedback: ScopeFeedback, now: number): ScopeState {
  const state = scopeState(stored, policy, now);
  const regain = Math.max(0, ...feedback.usage.map((u) => u.regainAccessMs ?? 0));
  switch (policy.kind) {
    case 'gate': {
      let gate = applyUsage({ tokens: 0, updatedAt: now, blockedUntil: (state as GateState).blockedUntil }, feedback.usage, now);
      if (feedback.throttle) gate = applyThrottle(gate, feedback.throttle.retryAfterMs ?? UNHINTED_THROTTLE_MS, now);
      return { kind: 'gate', blockedUntil: gate.blockedUntil };
    }
    case 'window': {
      let window = chargeWindow(state as WindowState, policy, now, feedback.extraCalls);
      if (regain > 0) window = { ...window, blockedUntil: Math.max(window.blockedUntil, now + regain) };
      return feedback.throttle ? throttleWindow(window, policy, now, feedback.throttle.retryAfterMs) : window;
    }
    case 'day': {
      const day = chargeDay(state as DayState, now, feedback.extraCalls);
      return feedback.throttle ? throttleDay(day, now) : day;
    }
    default: {
      let bucket = chargeExtraCalls(refill(state as BucketState, policy, now), feedback.extraCalls);
      bucket = applyUsage(bucket, feedback.usage, now);
      if (feedback.throttle) bucket = applyThrottle(bucket, feedback.throttle.retryAfterMs ?? UNHINTED_THROTTLE_MS, now);
      return bucket;
    }
  }
}

/** How long until `lane` may spend `cost` in this scope (0: now); for views of the next allowed call per lane. */
export function laneWaitMs(stored: ScopeState, policy: ScopePolicy, now: number, lane: SyncLane, cost = 1): number {
  const grant = takeScope(stored, policy, now, cost, lane);
  return grant.granted ? 0 : grant.retryAfterMs;
}

/** How full a scope is, for views: capacity (null: unknown) and what is left of it now. */
export interface ScopeLevel {
  capacity: number | null;
  available: number | null;
  blockedUntil: number;
}

export function scopeLevel(stored: ScopeState, policy: ScopePolicy, now: number): ScopeLevel {
  const state = scopeState(stored, policy, now);
  switch (policy.kind) {
    case 'gate':
      return { capacity: null, available: null, blockedUntil: (state as GateState).blockedUntil };
    case 'window': {
      const window = state as WindowState;
      return { capacity: policy.limit, available: policy.limit - windowUsed(window, policy, now), blockedUntil: window.blockedUntil };
    }
    case 'day': {
      const day = rollDay(state as DayState, now);
      const capacity = dayCapacity(day, policy);
      return { capacity, available: capacity === null ? null : capacity - day.used, blockedUntil: day.blockedUntil };
    }
    default: {
      const bucket = refill(state as BucketState, policy, now);
      return { capacity: policy.capacity, available: bucket.tokens, blockedUntil: bucket.blockedUntil };
    }
  }
}
