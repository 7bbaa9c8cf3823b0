import { describe, expect, it } from 'vitest';
import { activeLock, failureLimitFor } from './login-throttle-policy';

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
