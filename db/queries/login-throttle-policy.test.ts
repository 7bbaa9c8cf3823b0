import { describe, expect, it } from 'vitest';
import { activeLock, decideAttempt, failureLimitFor, refundAttempt } from './login-throttle-policy';

describe('failureLimitFor', () => {
  it('allows 5 failures per email and 20 per client address', () => {
    expect(failureLimitFor('email:a@b.example')).toBe(5);
    expect(failureLimitFor('ip:203.0.113.9')).toBe(20);
  });
});

describe('activeLock', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('is null when no key is locked or every lock has expired', () => {
    expect(activeLock([], now)).toBeNull();
    expect(activeLock([null, new Date('2026-11-29T11:59:59Z'), now], now)).toBeNull();
  });

  it('reports the latest lock and rounds the wait up to whole seconds', () => {
    const lock = activeLock([new Date('2026-11-29T12:05:00Z'), new Date('2026-11-29T12:10:00.200Z'), null], now);
    expect(lock?.lockedUntil.toISOString()).toBe('2026-11-29T12:10:00.200Z');
    expect(lock?.retryAfterSeconds).toBe(601);
  });
});

describe('decideAttempt', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const counter = (key: string, failures: number, startedMinutesAgo = 1, lockedUntil: Date | null = null) => ({
    key,
    failures,
    windowStartedAt: minutesAgo(startedMinutesAgo),
    lockedUntil,
  });

  it('counts the attempt against every key before the password is checked', () => {
    const decision = decideAttempt([counter('email:a@b.example', 0), counter('ip:192.0.2.1', 7)], now);
    expect(decision).toEqual({
      kind: 'counted',
      counters: [
        { key: 'email:a@b.example', failures: 1, windowStartedAt: minutesAgo(1), lockedUntil: null },
        { key: 'ip:192.0.2.1', failures: 8, windowStartedAt: minutesAgo(1), lockedUntil: null },
      ],
    });
  });

  it('locks a key on the attempt that reaches its limit, so the next one is refused', () => {
    const decision = decideAttempt([counter('email:a@b.example', 4), counter('ip:192.0.2.1', 4)], now);
    expect(decision.kind === 'counted' && decision.counters.map((c) => c.lockedUntil?.toISOString() ?? null)).toEqual([
      '2026-11-29T12:15:00.000Z',
      null,
    ]);
  });

  it('refuses while any key is locked and changes nothing', () => {
    const until = new Date('2026-11-29T12:10:00Z');
    expect(decideAttempt([counter('email:a@b.example', 1), counter('ip:192.0.2.1', 20, 5, until)], now)).toEqual({
      kind: 'locked',
      lock: { lockedUntil: until, retryAfterSeconds: 600 },
    });
  });

  it('starts a new window once the old one has passed, and an expired lock no longer refuses', () => {
    const decision = decideAttempt([counter('email:a@b.example', 5, 16, minutesAgo(1))], now);
    expect(decision).toEqual({
      kind: 'counted',
      counters: [{ key: 'email:a@b.example', failures: 1, windowStartedAt: now, lockedUntil: null }],
    });
  });
});

describe('refundAttempt', () => {
  const until = new Date('2026-11-29T12:15:00Z');
  const started = new Date('2026-11-29T11:58:00Z');

  it('gives back one failure and lifts the lock the refunded attempt set', () => {
    expect(refundAttempt({ key: 'ip:192.0.2.1', failures: 20, windowStartedAt: started, lockedUntil: until })).toEqual({
      key: 'ip:192.0.2.1',
      failures: 19,
      windowStartedAt: started,
      lockedUntil: null,
    });
  });

  it('never goes below zero', () => {
    expect(refundAttempt({ key: 'ip:192.0.2.1', failures: 0, windowStartedAt: started, lockedUntil: null }).failures).toBe(0);
  });
});
