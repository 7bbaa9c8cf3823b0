import { describe, expect, it } from 'vitest';
import { actionForError, backoffSeconds, MAX_DEFERRALS, MAX_DELAY_SECONDS, planDeferral, queueDelaySeconds } from './actions';

describe('actionForError', () => {
  it('defers a rate limit by the platform’s own hint and keeps the resume cursor', () => {
    expect(actionForError({ kind: 'rate_limited', retryAfterMs: 40_591_000, scope: 'daily', cursor: 'c1', message: 'quota' }, 1)).toEqual({
      kind: 'defer',
      reason: 'throttled',
      delaySeconds: 40_591,
      cursor: 'c1',
    });
  });

  it('caps a hint longer than the queue allows', () => {
    const action = actionForError({ kind: 'rate_limited', retryAfterMs: 48 * 3_600_000, scope: 'daily', cursor: null, message: '' }, 1);
    expect(action).toMatchObject({ kind: 'defer', delaySeconds: MAX_DELAY_SECONDS });
  });

  it('backs off with jitter when the platform gives no hint (LinkedIn)', () => {
    const action = actionForError({ kind: 'rate_limited', retryAfterMs: null, scope: 'daily', cursor: null, message: '' }, 3, () => 0.5);
    expect(action).toEqual({ kind: 'defer', reason: 'throttled', delaySeconds: 60, cursor: null });
  });

  it('sends a revoked token to re-auth, retries transient errors and drops permanent ones', () => {
    expect(actionForError({ kind: 'auth_failed', message: 'revoked' }, 1)).toEqual({ kind: 'reauth' });
    expect(actionForError({ kind: 'transient', message: '503' }, 2, () => 1)).toEqual({ kind: 'retry', delaySeconds: 60 });
    expect(actionForError({ kind: 'permanent', message: 'manager account' }, 1)).toEqual({ kind: 'drop', reason: 'manager account' });
  });
});

describe('backoffSeconds', () => {
  it('grows exponentially, stays within the ceiling and is at least a second', () => {
    expect(backoffSeconds(1, () => 1)).toBe(30);
    expect(backoffSeconds(4, () => 1)).toBe(240);
    expect(backoffSeconds(40, () => 1)).toBe(MAX_DELAY_SECONDS);
    expect(backoffSeconds(5, () => 0)).toBe(1);
  });
});

describe('planDeferral', () => {
  it('lets the ceiling of a throttled slot’s wait double with every deferral until the queue maximum', () => {
    const ceilings = [0, 1, 2, 5, 10, 11, 15].map((deferrals) => planDeferral(deferrals, 0, () => 1));
    expect(ceilings).toEqual(
      [30, 60, 120, 960, 30_720, MAX_DELAY_SECONDS, MAX_DELAY_SECONDS].map((delaySeconds) => ({ kind: 'defer', delaySeconds })),
    );
  });

  it('draws the wait uniformly below the ceiling (full jitter)', () => {
    expect(planDeferral(4, 0, () => 0.25)).toEqual({ kind: 'defer', delaySeconds: 120 });
    expect(planDeferral(4, 0, () => 0)).toEqual({ kind: 'defer', delaySeconds: 1 });
  });

  it('never waits less than the platform’s or the budget’s hint, nor more than the queue allows', () => {
    expect(planDeferral(0, 900, () => 1)).toEqual({ kind: 'defer', delaySeconds: 900 });
    expect(planDeferral(3, 200_000, () => 0)).toEqual({ kind: 'defer', delaySeconds: MAX_DELAY_SECONDS });
  });

  it('sends the slot to the dead letters once it was deferred the maximum number of times', () => {
    expect(planDeferral(MAX_DEFERRALS - 1, 0, () => 1).kind).toBe('defer');
    expect(planDeferral(MAX_DEFERRALS, 0, () => 1)).toEqual({ kind: 'dead_letter' });
  });
});

describe('queueDelaySeconds', () => {
  it('rounds up to whole seconds within what the queue accepts', () => {
    expect([-5, 0, 1.2, 43_200, 43_201, 1e9, Number.POSITIVE_INFINITY, Number.NaN].map(queueDelaySeconds)).toEqual([
      0,
      0,
      2,
      MAX_DELAY_SECONDS,
      MAX_DELAY_SECONDS,
      MAX_DELAY_SECONDS,
      MAX_DELAY_SECONDS,
      0,
    ]);
  });
});
