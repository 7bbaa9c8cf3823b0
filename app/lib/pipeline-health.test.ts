import { describe, expect, it } from 'vitest';
import { accountAnchor, clockSince, describeDeferrals, describeLag, describeNextCall, describeSunset, isProblem } from './pipeline-health';

const NOW = new Date('2026-12-01T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('describeLag', () => {
  it.each([
    [{ minutes: 12, behindTargetMinutes: 0 }, '12 min (within the 15 min target)'],
    [{ minutes: 47, behindTargetMinutes: 32 }, '47 min (32 min behind)'],
    [{ minutes: null, behindTargetMinutes: null }, 'not measured'],
  ])('words %j as "%s"', (lag, expected) => {
    expect(describeLag(lag, 15)).toBe(expected);
  });
});

describe('describeNextCall', () => {
  it.each([
    [later(-1000), 'now'],
    [later(0), 'now'],
    [later(39_200), 'in 40 s'],
    [later(4 * 60_000 - 1), 'in 4 min'],
    [later(3_600_000 + 5 * 60_000), 'in 1 h 5 min'],
    [null, 'now (no budget used yet)'],
  ])('says when the next call may go out for %s: "%s"', (next, expected) => {
    expect(describeNextCall(next, NOW)).toBe(expected);
  });
});

describe('describeDeferrals', () => {
  it('lists only the reasons that deferred something', () => {
    expect(describeDeferrals({ count: 3, byReason: { budget: 2, breaker: 0, quota: 1 } })).toBe('3 (budget 2, quota 1)');
    expect(describeDeferrals({ count: 0, byReason: { budget: 0, breaker: 0, quota: 0 } })).toBe('none');
  });
});

describe('isProblem and accountAnchor', () => {
  it('draws accounts that need someone as problems, and throttling or lag as not', () => {
    expect(['needs_reauth', 'failing', 'breaker_open', 'throttled', 'lagging', 'healthy'].map((s) => isProblem(s as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(accountAnchor('abc')).toBe('account-abc');
  });
});

describe('describeSunset', () => {
  it.each([
    [{ sunset: '2027-03-16', daysToSunset: 105, level: 'ok' as const }, 'sunsets on Mar 16, 2027 (105 days)'],
    [{ sunset: '2027-03-16', daysToSunset: 45, level: 'warn' as const }, 'sunsets on Mar 16, 2027, in 45 days: plan the upgrade'],
    [{ sunset: '2027-03-16', daysToSunset: 12, level: 'critical' as const }, 'sunsets on Mar 16, 2027, in 12 days: upgrade now'],
    [
      { sunset: '2027-03-16', daysToSunset: -2, level: 'critical' as const },
      'sunset on Mar 16, 2027: calls fail until the connector is upgraded',
    ],
  ])('words %o', (version, expected) => {
    expect(describeSunset(version)).toBe(expected);
  });
});

describe('clockSince', () => {
  it("counts on from the server's instant, whatever the browser's clock says", () => {
    const loadedAt = Date.parse('2030-01-01T00:00:00Z');
    expect(clockSince('2026-11-29T15:00:00.000Z', loadedAt, loadedAt + 90_000).toISOString()).toBe('2026-11-29T15:01:30.000Z');
  });

  it('never runs backwards when the browser clock is set back', () => {
    expect(clockSince('2026-11-29T15:00:00.000Z', 1_000, 500).toISOString()).toBe('2026-11-29T15:00:00.000Z');
  });
});
