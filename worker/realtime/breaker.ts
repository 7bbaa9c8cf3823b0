/**
 * A circuit breaker per ad account: repeated transient failures stop calls for a cool-down
 * instead of burning quota on a platform that is down. Pure state transitions.
 *
 * A throttle is not a failure (the platform answered; the budget handles it) and not a success
 * either (we learnt nothing about the failure that opened the breaker): it is 'neutral'. So is a
 * probe that never reached the platform (refused by the app quota, token refresh failed). A
 * neutral outcome releases the probe slot, so the next admission probes again; a probe that never
 * reports at all (the Worker died) is presumed lost after `probeTimeoutMs`.
 */
export interface BreakerPolicy {
  failureThreshold: number;
  coolDownMs: number;
  /** How long one probe may stay out before another is let through. */
  probeTimeoutMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 5, coolDownMs: 5 * 60_000, probeTimeoutMs: 5 * 60_000 };

export type BreakerState =
  | { status: 'closed'; failures: number }
  | { status: 'open'; openedAt: number }
  /** `openedAt` is kept so a released probe returns to the same (already cooled-down) open state. */
  | { status: 'half_open'; openedAt: number; probeAt: number };

export type BreakerOutcome = 'success' | 'failure' | 'neutral';

export const CLOSED: BreakerState = { status: 'closed', failures: 0 };

type Verdict = { allowed: true; state: BreakerState } | { allowed: false; retryAfterMs: number; state: BreakerState };

/** Whether a call may go out now; an open breaker past its cool-down lets one probe through. */
export function breakerAllows(state: BreakerState, now: number, policy: BreakerPolicy = DEFAULT_BREAKER): Verdict {
  if (state.status === 'closed') return { allowed: true, state };
  if (state.status === 'half_open') {
    // A half-open state stored before probes carried their start time has no probeAt: presume it lost.
    const probeAt = state.probeAt ?? Number.NEGATIVE_INFINITY;
    const expiresAt = probeAt + policy.probeTimeoutMs;
    if (now < expiresAt) return { allowed: false, retryAfterMs: expiresAt - now, state };
    return { allowed: true, state: { status: 'half_open', openedAt: state.openedAt ?? now, probeAt: now } };
  }
  const reopenAt = state.openedAt + policy.coolDownMs;
  if (now >= reopenAt) return { allowed: true, state: { status: 'half_open', openedAt: state.openedAt, probeAt: now } };
  return { allowed: false, retryAfterMs: reopenAt - now, state };
}

/** Records a call's outcome (see the module comment for 'neutral'). */
export function breakerRecord(
  state: BreakerState,
  outcome: BreakerOutcome,
  now: number,
  policy: BreakerPolicy = DEFAULT_BREAKER,
): BreakerState {
  if (outcome === 'neutral') return state.status === 'half_open' ? { status: 'open', openedAt: state.openedAt ?? now } : state;
  if (outcome === 'success') return CLOSED;
  if (state.status === 'half_open') return { status: 'open', openedAt: now };
  if (state.status === 'open') return state;
  const failures = state.failures + 1;
  return failures >= policy.failureThreshold ? { status: 'open', openedAt: now } : { status: 'closed', failures };
}
