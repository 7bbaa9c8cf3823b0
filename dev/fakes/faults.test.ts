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

  it('applies a probabilistic rule to about that share of matching requests', () => {
    const plan = createFaultPlan();
    plan.add({ service: 'meta', kind: 'server_error', remaining: Infinity, probability: 0.1, seed: 7 });
    const hits = Array.from({ length: 5000 }, () => plan.take('meta', { path: '/v23.0/act_1/insights' })).filter(Boolean).length;
    expect(hits).toBeGreaterThan(420);
    expect(hits).toBeLessThan(580);
  });

  it('repeats the same faults for the same seed', () => {
    const pattern = (seed: number) => {
      const plan = createFaultPlan();
      plan.add({ service: 'linkedin', kind: 'timeout', remaining: Infinity, probability: 0.3, seed });
      return Array.from({ length: 60 }, () => (plan.take('linkedin', { path: '/rest/adAnalytics' }) ? 1 : 0)).join('');
    };
    expect(pattern(3)).toBe(pattern(3));
    expect(pattern(3)).not.toBe(pattern(4));
  });

  it('lets a request a probabilistic rule spares fall through to the next rule', () => {
    const plan = createFaultPlan();
    plan.add({ service: 'google_ads', kind: 'timeout', remaining: Infinity, probability: 0.5, seed: 1 });
    plan.add({ service: 'google_ads', kind: 'server_error', remaining: Infinity });
    const kinds = new Set(Array.from({ length: 40 }, () => plan.take('google_ads', { path: '/x' })?.kind));
    expect(kinds).toEqual(new Set(['timeout', 'server_error']));
  });

  it('refuses a probability outside (0, 1]', () => {
    const plan = createFaultPlan();
    expect(() => plan.add({ service: 'meta', kind: 'server_error', remaining: 1, probability: 0 })).toThrow(RangeError);
    expect(() => plan.add({ service: 'meta', kind: 'server_error', remaining: 1, probability: 1.5 })).toThrow(RangeError);
  });
});
