/**
 * A circuit breaker per ad account: repeated transient failures stop calls for a cool-down
 * instead of burning quota on a platform that is down. Pure state transitions.
 */
export interface BreakerPolicy {
  failureThreshold: number;
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 5, coolDownMs: 5 * 60_000 };

export type BreakerState = { status: 'closed'; failures: number } | { status: 'open'; openedAt: number } | { status: 'half_open' };

export const CLOSED: BreakerState = { status: 'closed', failures: 0 };

/** Whether a call may go out now; an open breaker past its cool-down lets one probe through. */
export function breakerAllows(
  state: BreakerState,
  now: number,
  policy: BreakerPolicy = DEFAULT_BREAKER,
): { allowed: true; state: BreakerState } | { allowed: false; retryAfterMs: number; state: BreakerState } {
  if (state.status === 'closed') return { allowed: true, state };
  if (state.status === 'half_open') return { allowed: false, retryAfterMs: policy.coolDownMs, state };
  const reopenAt = state.openedAt + policy.coolDownMs;
  if (now >= reopenAt) return { allowed: true, state: { status: 'half_open' } };
  return { allowed: false, retryAfterMs: reopenAt - now, state };
}

/** Records a call's outcome. Rate limits are not failures: they are handled by the budget. */
export function breakerRecord(
  state: BreakerState,
  outcome: 'success' | 'failure',
  now: number,
  policy: BreakerPolicy = DEFAULT_BREAKER,
): BreakerState {
  if (outcome === 'success') return CLOSED;
  if (state.status === 'half_open') return { status: 'open', openedAt: now };
  if (state.status === 'open') return state;
  const failures = state.failures + 1;
  return failures >= policy.failureThreshold ? { status: 'open', openedAt: now } : { status: 'closed', failures };
}
