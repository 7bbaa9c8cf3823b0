import { describe, expect, it } from 'vitest';
import { actionForError, backoffSeconds, MAX_DELAY_SECONDS } from './actions';

describe('actionForError', () => {
  it('defers a rate limit by the platform’s own hint and keeps the resume cursor', () => {
    expect(actionForError({ kind: 'rate_limited', retryAfterMs: 40_591_000, scope: 'daily', cursor: 'c1', message: 'quota' }, 1)).toEqual({
      kind: 'defer',
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
    expect(action).toEqual({ kind: 'defer', delaySeconds: 60, cursor: null });
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
