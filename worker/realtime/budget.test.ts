import { describe, expect, it } from 'vitest';
import { breakerAllows, breakerRecord, CLOSED } from './breaker';
import { applyThrottle, applyUsage, appPolicies, type BucketPolicy, chargeExtraCalls, freshBucket, takeTokens } from './budget';

const policy: BucketPolicy = { capacity: 2, refillPerSecond: 0.5 };

describe('token bucket', () => {
  it('grants up to the burst, then says when the next token arrives', () => {
    let state = freshBucket(policy, 0);
    for (let i = 0; i < 2; i++) {
      const grant = takeTokens(state, policy, 0);
      expect(grant.granted).toBe(true);
      state = grant.state;
    }
    const denied = takeTokens(state, policy, 0);
    expect(denied).toMatchObject({ granted: false, retryAfterMs: 2000 });
    expect(takeTokens(denied.state, policy, 2000).granted).toBe(true);
  });

  it('never refills past capacity', () => {
    const state = takeTokens(freshBucket(policy, 0), policy, 0).state;
    const later = takeTokens(state, policy, 3_600_000);
    expect(later.state.tokens).toBe(policy.capacity - 1);
  });

  it('blocks for the platform’s regain-access hint', () => {
    const state = applyUsage(freshBucket(policy, 0), [{ utilPct: 40, regainAccessMinutes: 3 }], 1000);
    expect(takeTokens(state, policy, 1000)).toMatchObject({ granted: false, retryAfterMs: 180_000 });
    expect(takeTokens(state, policy, 181_000).granted).toBe(true);
  });

  it('drains the burst when utilization is high so calls slow to the refill rate', () => {
    const state = applyUsage(freshBucket(policy, 0), [{ utilPct: 80, regainAccessMinutes: 0 }], 0);
    expect(takeTokens(state, policy, 0)).toMatchObject({ granted: false, retryAfterMs: 2000 });
  });

  it('charges the extra calls a sync made, so the next admission waits for the debt to refill', () => {
    const state = chargeExtraCalls(takeTokens(freshBucket(policy, 0), policy, 0).state, 3);
    expect(state.tokens).toBe(-2);
    expect(takeTokens(state, policy, 0)).toMatchObject({ granted: false, retryAfterMs: 6000 });
  });

  it('a throttle error blocks for the retry hint', () => {
    const state = applyThrottle(freshBucket(policy, 0), 40_000, 10);
    expect(takeTokens(state, policy, 20)).toMatchObject({ granted: false, retryAfterMs: 39_990 });
  });
});

describe('app-wide policies', () => {
  it('refill at the platform quota and allow an hour of it as a burst', () => {
    const policies = appPolicies({ metaCallsPerHour: 3600, googleOperationsPerDay: 15_000, linkedinCallsPerDay: 86_400 });
    expect(policies.meta).toEqual({ capacity: 3600, refillPerSecond: 1 });
    expect(policies.google_ads.capacity).toBe(625);
    expect(policies.google_ads.refillPerSecond).toBeCloseTo(15_000 / 86_400);
    expect(policies.linkedin).toEqual({ capacity: 3600, refillPerSecond: 1 });
  });
});

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures and probes after the cool-down', () => {
    const policy = { failureThreshold: 3, coolDownMs: 1000 };
    let state = CLOSED;
    for (let i = 0; i < 3; i++) state = breakerRecord(state, 'failure', 100, policy);
    expect(state).toEqual({ status: 'open', openedAt: 100 });
    expect(breakerAllows(state, 500, policy)).toMatchObject({ allowed: false, retryAfterMs: 600 });
    const probe = breakerAllows(state, 1100, policy);
    expect(probe).toMatchObject({ allowed: true, state: { status: 'half_open' } });
    expect(breakerRecord(probe.state, 'failure', 1200, policy)).toEqual({ status: 'open', openedAt: 1200 });
    expect(breakerRecord(probe.state, 'success', 1200, policy)).toEqual(CLOSED);
  });

  it('a success resets the failure count', () => {
    const policy = { failureThreshold: 2, coolDownMs: 1000 };
    const state = breakerRecord(breakerRecord(CLOSED, 'failure', 0, policy), 'success', 1, policy);
    expect(breakerRecord(state, 'failure', 2, policy)).toEqual({ status: 'closed', failures: 1 });
  });
});
