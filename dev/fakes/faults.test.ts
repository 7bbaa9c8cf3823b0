import { describe, expect, it } from 'vitest';
import { createFaultPlan } from './faults';

describe('fault plan', () => {
  it('applies a rule to as many matching requests as it has remaining, then forgets it', () => {
    const plan = createFaultPlan();
    plan.add({ service: 'meta', kind: 'server_error', remaining: 2 });
    expect(plan.take('meta', { path: '/v23.0/me' })?.kind).toBe('server_error');
    expect(plan.take('meta', { path: '/v23.0/me' })?.kind).toBe('server_error');
    expect(plan.take('meta', { path: '/v23.0/me' })).toBeNull();
    expect(plan.list()).toEqual([]);
  });

  it('matches on service, path substring and account', () => {
    const plan = createFaultPlan();
    const rule = plan.add({
      service: 'google_ads',
      kind: 'rate_limit',
      pathContains: 'searchStream',
      accountId: '123',
      remaining: Infinity,
    });
    expect(rule.id).toMatch(/^fault-/);
    expect(plan.take('meta', { path: '/searchStream', accountId: '123' })).toBeNull();
    expect(plan.take('google_ads', { path: '/v21/customers/123/googleAds:search', accountId: '123' })).toBeNull();
    expect(plan.take('google_ads', { path: '/v21/customers/9/googleAds:searchStream', accountId: '9' })).toBeNull();
    expect(plan.take('google_ads', { path: '/v21/customers/123/googleAds:searchStream', accountId: '123' })?.id).toBe(rule.id);
    expect(plan.list()[0]!.remaining).toBe(Infinity);
  });

  it('takes the earliest added matching rule first', () => {
    const plan = createFaultPlan();
    plan.add({ service: 'slack', kind: 'timeout', remaining: 1, delayMs: 10 });
    plan.add({ service: 'slack', kind: 'server_error', remaining: 1 });
    expect(plan.take('slack', { path: '/services/x' })?.kind).toBe('timeout');
    expect(plan.take('slack', { path: '/services/x' })?.kind).toBe('server_error');
  });

  it('clears the rules of one service or all of them', () => {
    const plan = createFaultPlan();
    plan.add({ service: 'meta', kind: 'revoked_token', remaining: 1 });
    plan.add({ service: 'linkedin', kind: 'revoked_token', remaining: 1 });
    plan.clear('meta');
    expect(plan.list().map((r) => r.service)).toEqual(['linkedin']);
    plan.clear();
    expect(plan.list()).toEqual([]);
  });

  it('refuses a rule that could never apply', () => {
    expect(() => createFaultPlan().add({ service: 'meta', kind: 'server_error', remaining: 0 })).toThrow(RangeError);
  });
});
