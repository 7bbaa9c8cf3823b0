import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../db/schema/enum-values';
import {
  type AppQuotas,
  applyThrottle,
  applyUsage,
  appPolicies,
  type BucketPolicy,
  chargeExtraCalls,
  FULL_USAGE_FALLBACK_MS,
  freshBucket,
  takeTokens,
} from './budget';

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
    const state = applyUsage(freshBucket(policy, 0), [{ utilPct: 40, regainAccessMs: 180_000 }], 1000);
    expect(takeTokens(state, policy, 1000)).toMatchObject({ granted: false, retryAfterMs: 180_000 });
    expect(takeTokens(state, policy, 181_000).granted).toBe(true);
  });

  it('drains the burst when utilization is high so calls slow to the refill rate', () => {
    const state = applyUsage(freshBucket(policy, 0), [{ utilPct: 80, regainAccessMs: null }], 0);
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
  const WINDOW_SECONDS = { meta: 3600, google_ads: 86_400, linkedin: 86_400 } as const;
  const QUOTA = (q: AppQuotas) => ({ meta: q.metaCallsPerHour, google_ads: q.googleOperationsPerDay, linkedin: q.linkedinCallsPerDay });

  it('never admit more than the quota in any rolling window, whatever the sequence of admissions and charges', () => {
    const quotas = fc.record({
      metaCallsPerHour: fc.integer({ min: 2, max: 400 }),
      googleOperationsPerDay: fc.integer({ min: 2, max: 400 }),
      linkedinCallsPerDay: fc.integer({ min: 2, max: 400 }),
    });
    // Gaps between attempts (ms), up to a tenth of a day, so sequences span several windows; a charge is extra calls a sync made.
    const step = fc.record({
      gapMs: fc.integer({ min: 0, max: 8_640_000 }),
      extra: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 })),
    });
    fc.assert(
      fc.property(
        quotas,
        fc.constantFrom('meta', 'google_ads', 'linkedin'),
        fc.array(step, { maxLength: 1500 }),
        (q, platform: Platform, steps) => {
          const policy = appPolicies(q)[platform];
          const quota = QUOTA(q)[platform];
          const windowMs = WINDOW_SECONDS[platform] * 1000;
          let state = freshBucket(policy, 0);
          let now = 0;
          const admitted: number[] = [];
          for (const { gapMs, extra } of steps) {
            now += gapMs % (windowMs / 4);
            const grant = takeTokens(state, policy, now);
            state = grant.state;
            if (grant.granted) {
              admitted.push(now);
              state = chargeExtraCalls(state, extra);
            }
          }
          // Two pointers: the most admissions in any window [t, t + windowMs).
          let most = 0;
          for (let hi = 0, lo = 0; hi < admitted.length; hi++) {
            while (admitted[hi]! - admitted[lo]! >= windowMs) lo++;
            most = Math.max(most, hi - lo + 1);
          }
          expect(most).toBeLessThanOrEqual(quota);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('still let a steady caller use nearly all of the quota', () => {
    const policy = appPolicies({ metaCallsPerHour: 4800, googleOperationsPerDay: 15_000, linkedinCallsPerDay: 86_400 }).meta;
    let state = freshBucket(policy, 0);
    let admitted = 0;
    for (let now = 0; now < 3_600_000; now += 100) {
      const grant = takeTokens(state, policy, now);
      state = grant.state;
      if (grant.granted) admitted++;
    }
    expect(admitted).toBeGreaterThanOrEqual(4800 * 0.95);
    expect(admitted).toBeLessThanOrEqual(4800);
  });
});

describe('the platform’s own figures', () => {
  it('a 100% reading blocks for as long as the platform says, not a fixed five minutes', () => {
    const state = applyUsage(freshBucket(policy, 0), [{ utilPct: 100, regainAccessMs: 60_000 }], 0);
    expect(takeTokens(state, policy, 59_999)).toMatchObject({ granted: false, retryAfterMs: 1 });
    expect(takeTokens(state, policy, 60_000).granted).toBe(true);
  });

  it('a 100% reading without any figure falls back to the fixed block', () => {
    const state = applyUsage(freshBucket(policy, 0), [{ utilPct: 100, regainAccessMs: null }], 0);
    expect(takeTokens(state, policy, 0)).toMatchObject({ granted: false, retryAfterMs: FULL_USAGE_FALLBACK_MS });
  });
});
