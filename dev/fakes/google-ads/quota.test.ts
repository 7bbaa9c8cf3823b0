import { describe, expect, it } from 'vitest';
import type { CallRecord, GoogleRegime } from '../context';
import { checkQuota } from './quota';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-14T12:00:00Z');
const regime: GoogleRegime = { accessLevel: 'basic', dailyOperations: 3, qpsPerCustomer: 2 };

function call(at: number, cost = 1, accountId = '1111111111', status = 200): CallRecord {
  return { service: 'google_ads', method: 'POST', path: '/v23/customers/x/googleAds:search', accountId, at, status, cost };
}

describe('checkQuota', () => {
  it('allows a query while the sliding 24 hours hold fewer operations than the daily budget', () => {
    const calls = [call(NOW - 20 * HOUR), call(NOW - 10 * HOUR)];
    expect(checkQuota({ calls, now: NOW, regime, customerId: '1111111111', cost: 1 })).toEqual({ ok: true });
  });

  it('refuses the operation over budget with a retry delay until the oldest operation leaves the window', () => {
    const calls = [call(NOW - 20 * HOUR), call(NOW - 10 * HOUR), call(NOW - 5 * HOUR)];
    expect(checkQuota({ calls, now: NOW, regime, customerId: '1111111111', cost: 1 })).toEqual({
      ok: false,
      kind: 'daily',
      retryDelaySeconds: 4 * 3600,
      rateName: 'Number of operations for basic access',
    });
  });

  it('forgets operations older than 24 hours', () => {
    const calls = [call(NOW - 25 * HOUR), call(NOW - 24 * HOUR), call(NOW - 5 * HOUR)];
    expect(checkQuota({ calls, now: NOW, regime, customerId: '1111111111', cost: 1 }).ok).toBe(true);
  });

  it('lets further pages of a query through even when the daily budget is spent', () => {
    const calls = [call(NOW - 3 * HOUR), call(NOW - 2 * HOUR), call(NOW - HOUR)];
    expect(checkQuota({ calls, now: NOW, regime, customerId: '1111111111', cost: 0 }).ok).toBe(true);
  });

  it('has no daily ceiling for standard access', () => {
    const calls = Array.from({ length: 50 }, (_, i) => call(NOW - (i + 2) * 60_000));
    const standard: GoogleRegime = { accessLevel: 'standard', dailyOperations: Infinity, qpsPerCustomer: 10 };
    expect(checkQuota({ calls, now: NOW, regime: standard, customerId: '1111111111', cost: 1 }).ok).toBe(true);
  });

  it('throttles a customer that already had qpsPerCustomer requests in the last second, but not other customers', () => {
    const calls = [call(NOW - 400, 0), call(NOW - 100, 0)];
    expect(checkQuota({ calls, now: NOW, regime, customerId: '1111111111', cost: 0 })).toMatchObject({
      ok: false,
      kind: 'qps',
      retryDelaySeconds: 1,
    });
    expect(checkQuota({ calls, now: NOW, regime, customerId: '2222222222', cost: 0 }).ok).toBe(true);
  });

  it('does not count throttled requests towards the per-second rate', () => {
    const calls = [call(NOW - 400, 0, '1111111111', 429), call(NOW - 100, 0)];
    expect(checkQuota({ calls, now: NOW, regime, customerId: '1111111111', cost: 0 }).ok).toBe(true);
  });
});
