/**
 * Token-bucket budgets for ad-platform calls, fed by the platforms' own usage signals.
 * Pure: the Durable Objects store the state and call these.
 */
import type { Platform } from '../../db/schema/enum-values';

export interface BucketPolicy {
  /** Burst size. */
  capacity: number;
  /** Sustained calls per second. */
  refillPerSecond: number;
}

export interface BucketState {
  tokens: number;
  /** Epoch ms of the last refill. */
  updatedAt: number;
  /** Epoch ms before which nothing is granted (a platform said "wait"). */
  blockedUntil: number;
}

export type Grant = { granted: true; state: BucketState } | { granted: false; retryAfterMs: number; state: BucketState };

/**
 * The ad account's own bucket where the platform counts per account: Google's QPS per customer
 * (one SearchStream per window) and LinkedIn's steady trickle (its limits are daily and
 * unpublished). Meta counts per BUC type instead (budget-scopes.ts).
 */
export const ACCOUNT_POLICIES = {
  google_ads: { capacity: 10, refillPerSecond: 1 },
  linkedin: { capacity: 10, refillPerSecond: 0.5 },
} as const satisfies Record<string, BucketPolicy>;

/** Meta's Marketing API access tier (AD-APIS.md §1.1: Limited, ex-Standard; Full, ex-Advanced). */
export type MetaAccessTier = 'limited' | 'full';

/** The app-wide quotas the platforms grant one app credential (configuration: they depend on the access tier). */
export interface AppQuotas {
  /** Picks the BUC formula of every Meta ad account's budgets. */
  metaAccessTier?: MetaAccessTier;
  metaCallsPerHour: number;
  googleOperationsPerDay: number;
  linkedinCallsPerDay: number;
}

/** Share of a rolling-window quota that may be spent as a burst; the rest is the sustained rate. */
export const APP_BURST_SHARE = 0.1;

/**
 * A bucket that never admits more than `calls` in any rolling window of `windowSeconds`: the most a
 * bucket admits in a window is its capacity plus the window's refill, so the two are sized to add
 * up to the quota (a tenth as burst, the rest spread over the window).
 */
export function rollingWindowPolicy(calls: number, windowSeconds: number): BucketPolicy {
  const capacity = Math.max(1, Math.floor(calls * APP_BURST_SHARE));
  return { capacity, refillPerSecond: Math.max(0, calls - capacity) / windowSeconds };
}

/**
 * Token buckets that bound admissions to each app-wide quota over the window the platform counts
 * in (Meta a rolling hour, Google and LinkedIn a day). The sync path uses the Meta one; Google's
 * operations are reserved per sync in a sliding window (budget-window.ts) because a sync may spend
 * more than its one admission, and LinkedIn's day is a UTC day (budget-day.ts): see policyForKey.
 */
export function appPolicies(quotas: AppQuotas): Record<Platform, BucketPolicy> {
  return {
    meta: rollingWindowPolicy(quotas.metaCallsPerHour, 3600),
    google_ads: rollingWindowPolicy(quotas.googleOperationsPerDay, 86_400),
    linkedin: rollingWindowPolicy(quotas.linkedinCallsPerDay, 86_400),
  };
}

export function freshBucket(policy: BucketPolicy, now: number): BucketState {
  return { tokens: policy.capacity, updatedAt: now, blockedUntil: 0 };
}

/** The bucket as of `now` (tokens refilled, never past capacity). */
export function refill(state: BucketState, policy: BucketPolicy, now: number): BucketState {
  const elapsed = Math.max(0, now - state.updatedAt) / 1000;
  return {
    ...state,
    tokens: Math.min(policy.capacity, state.tokens + elapsed * policy.refillPerSecond),
    updatedAt: Math.max(now, state.updatedAt),
  };
}

/**
 * Takes `cost` tokens or says how long until they will be there. `reserve` tokens must stay in the
 * bucket after the take (a lane that may not spend the last of a scarce budget); the wait is then
 * until the bucket holds cost + reserve, which is when that lane may go, not just the next token.
 */
export function takeTokens(state: BucketState, policy: BucketPolicy, now: number, cost = 1, reserve = 0): Grant {
  const current = refill(state, policy, now);
  const needed = cost + reserve;
  const refillWaitMs = current.tokens >= needed ? 0 : Math.ceil(((needed - current.tokens) / policy.refillPerSecond) * 1000);
  const blockedMs = Math.max(0, current.blockedUntil - now);
  if (blockedMs > 0 || refillWaitMs > 0) return { granted: false, retryAfterMs: Math.max(blockedMs, refillWaitMs), state: current };
  return { granted: true, state: { ...current, tokens: current.tokens - cost } };
}

export interface UsageReading {
  /** Percent of the platform's limit in use (Meta headers). */
  utilPct: number;
  /** The platform's figure for when access returns (Meta estimated_time_to_regain_access, reset_time_duration); null when it gave none. */
  regainAccessMs: number | null;
}

/** Block after a 100% reading that came without any figure for when access returns. */
export const FULL_USAGE_FALLBACK_MS = 5 * 60_000;

/** Above this utilization the bucket is drained so the window can recover before we hit the wall. */
export const HIGH_UTILIZATION_PCT = 75;

/**
 * Folds what the platform reported into the bucket: an explicit "regain access in N" blocks for
 * that long (whatever the utilization); a 100% reading blocks until the platform's figure, or for
 * the fallback when it gave none; high utilization empties the bucket so calls slow to the refill rate.
 */
export function applyUsage(state: BucketState, readings: UsageReading[], now: number): BucketState {
  let next = { ...state };
  for (const reading of readings) {
    const figure = reading.regainAccessMs && reading.regainAccessMs > 0 ? reading.regainAccessMs : null;
    if (figure !== null) next.blockedUntil = Math.max(next.blockedUntil, now + figure);
    else if (reading.utilPct >= 100) next.blockedUntil = Math.max(next.blockedUntil, now + FULL_USAGE_FALLBACK_MS);
    if (reading.utilPct >= HIGH_UTILIZATION_PCT) next = { ...next, tokens: Math.min(next.tokens, 0) };
  }
  return next;
}

/** A throttle error: block for the platform's hint, or until a fallback when it gave none. */
export function applyThrottle(state: BucketState, retryAfterMs: number, now: number): BucketState {
  return { ...state, tokens: 0, blockedUntil: Math.max(state.blockedUntil, now + retryAfterMs) };
}

/**
 * Charges calls beyond the one admission paid for. The bucket may go negative: the next
 * admission then waits until the refill has paid the debt.
 */
export function chargeExtraCalls(state: BucketState, extra: number): BucketState {
  return extra > 0 ? { ...state, tokens: state.tokens - extra } : state;
}
