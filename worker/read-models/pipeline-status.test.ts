import { describe, expect, it } from 'vitest';
import {
  countByStatus,
  hourlyBuckets,
  lagOf,
  measuredLag,
  type PipelineStatus,
  pipelineStatus,
  type StatusFacts,
  sumDeferrals,
  worstFirst,
} from './pipeline-status';

const NOW = new Date('2026-12-01T12:20:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe('lagOf', () => {
  it.each([
    ['data that landed 10 minutes ago is within the target', minutesAgo(10), { minutes: 10, behindTargetMinutes: 0 }],
    ['data 47 minutes old is 32 minutes behind the 15-minute target', minutesAgo(47), { minutes: 47, behindTargetMinutes: 32 }],
    ['an account that never synced has no lag figure', null, { minutes: null, behindTargetMinutes: null }],
    ['a clock a little behind the sync never gives a negative lag', new Date(NOW.getTime() + 5000), { minutes: 0, behindTargetMinutes: 0 }],
  ])('%s', (_name, lastSyncedAt, expected) => {
    expect(lagOf(lastSyncedAt, NOW)).toEqual(expected);
  });
});

describe('hourlyBuckets', () => {
  it('gives the last 24 hours oldest first, summing the calls of each hour and 0 for hours without any', () => {
    const buckets = hourlyBuckets(
      [
        { hour: new Date('2026-12-01T12:00:00Z'), apiCalls: 3 },
        { hour: new Date('2026-12-01T12:00:00Z'), apiCalls: 2 },
        { hour: new Date('2026-12-01T10:00:00Z'), apiCalls: 7 },
        { hour: new Date('2026-11-29T10:00:00Z'), apiCalls: 99 },
      ],
      NOW,
    );
    expect(buckets).toHaveLength(24);
    expect(buckets[0]).toEqual({ hour: '2026-11-30T13:00:00.000Z', apiCalls: 0 });
    expect(buckets.at(-1)).toEqual({ hour: '2026-12-01T12:00:00.000Z', apiCalls: 5 });
    expect(buckets.at(-3)).toEqual({ hour: '2026-12-01T10:00:00.000Z', apiCalls: 7 });
    expect(buckets.reduce((sum, b) => sum + b.apiCalls, 0)).toBe(12);
  });
});

const healthy: StatusFacts = {
  enabled: true,
  connectionStatus: 'active',
  permanentlyFailing: false,
  failuresSinceOk: 0,
  breaker: 'closed',
  nextAllowedAt: NOW,
  lastOutcome: 'ok',
  lag: lagOf(minutesAgo(5), NOW),
};

describe('pipelineStatus', () => {
  it.each<[string, Partial<StatusFacts>, PipelineStatus]>([
    ['a fresh account whose gates are open is healthy', {}, 'healthy'],
    ['one missed slot is still healthy', { lag: lagOf(minutesAgo(29), NOW) }, 'healthy'],
    ['data older than two slots is lagging', { lag: lagOf(minutesAgo(31), NOW) }, 'lagging'],
    ['an account that never synced is lagging', { lag: lagOf(null, NOW) }, 'lagging'],
    ['an account the budget holds back is throttled', { nextAllowedAt: new Date(NOW.getTime() + 60_000) }, 'throttled'],
    ['an account the platform last throttled is throttled', { lastOutcome: 'rate_limited' }, 'throttled'],
    [
      'an open breaker wins over throttling and lag',
      { breaker: 'open', lastOutcome: 'rate_limited', lag: lagOf(null, NOW) },
      'breaker_open',
    ],
    ['a half-open breaker shows as open', { breaker: 'half_open' }, 'breaker_open'],
    ['a permanent refusal is failing', { permanentlyFailing: true, breaker: 'open' }, 'failing'],
    ['three failures in a row since the last ok run are failing', { failuresSinceOk: 3 }, 'failing'],
    ['an open breaker shows as open rather than as the failures that opened it', { failuresSinceOk: 5, breaker: 'open' }, 'breaker_open'],
    ['two failures in a row are not yet failing', { failuresSinceOk: 2 }, 'healthy'],
    [
      'a connection waiting for re-authorization wins over everything but disabled',
      { connectionStatus: 'needs_reauth', permanentlyFailing: true },
      'needs_reauth',
    ],
    ['a revoked connection needs re-authorization', { connectionStatus: 'revoked' }, 'needs_reauth'],
    ['a disabled account is only disabled', { enabled: false, connectionStatus: 'revoked' }, 'disabled'],
  ])('%s', (_name, change, expected) => {
    expect(pipelineStatus({ ...healthy, ...change }, NOW)).toBe(expected);
  });
});

describe('measuredLag', () => {
  const lag = lagOf(minutesAgo(600), NOW);
  it.each<[PipelineStatus, boolean]>([
    ['failing', false],
    ['needs_reauth', false],
    ['disabled', false],
    ['lagging', true],
    ['throttled', true],
    ['breaker_open', true],
  ])('an account that is %s is measured for lag: %s', (status, measured) => {
    expect(measuredLag(status, lag).minutes).toBe(measured ? 600 : null);
  });
});

describe('worstFirst', () => {
  it('orders by status severity, then by the longest lag, then by name', () => {
    const item = (name: string, status: PipelineStatus, minutes: number | null) => ({
      name,
      status,
      lag: { minutes, behindTargetMinutes: null },
    });
    const sorted = worstFirst([
      item('b healthy', 'healthy', 3),
      item('lagging long', 'lagging', 90),
      item('a healthy', 'healthy', 3),
      item('failing', 'failing', null),
      item('lagging short', 'lagging', 40),
      item('healthy older', 'healthy', 10),
    ]);
    expect(sorted.map((i) => i.name)).toEqual(['failing', 'lagging long', 'lagging short', 'healthy older', 'a healthy', 'b healthy']);
  });
});

describe('sumDeferrals and countByStatus', () => {
  it('sums deferrals per reason and keeps the latest', () => {
    expect(
      sumDeferrals([
        { reason: 'budget', count: 2, lastAt: minutesAgo(30) },
        { reason: 'quota', count: 1, lastAt: minutesAgo(5) },
      ]),
    ).toEqual({ count: 3, byReason: { budget: 2, breaker: 0, quota: 1 }, lastAt: minutesAgo(5).toISOString() });
    expect(sumDeferrals([])).toEqual({ count: 0, byReason: { budget: 0, breaker: 0, quota: 0 }, lastAt: null });
  });

  it('counts every status, zero included', () => {
    expect(countByStatus(['healthy', 'failing', 'healthy'])).toEqual({
      needs_reauth: 0,
      failing: 1,
      breaker_open: 0,
      throttled: 0,
      lagging: 0,
      healthy: 2,
      disabled: 0,
    });
  });
});
