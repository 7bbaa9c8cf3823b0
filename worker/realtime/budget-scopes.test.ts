import { describe, expect, it } from 'vitest';
import { rollingWindowPolicy } from './budget';
import { accountDemands, appDemands, metaUseCaseLimit, policyForKey, type SyncPlan } from './budget-scopes';

const quotas = { metaCallsPerHour: 4800, googleOperationsPerDay: 15_000, linkedinCallsPerDay: 100_000 };

describe('Meta BUC capacity per ad account (AD-APIS.md §1.6)', () => {
  it.each<['limited' | 'full', 'ads_insights' | 'ads_management', number, number]>([
    ['limited', 'ads_insights', 0, 600],
    ['limited', 'ads_insights', 3, 1800],
    ['limited', 'ads_management', 0, 300],
    ['limited', 'ads_management', 10, 700],
    ['full', 'ads_insights', 5, 192_000],
    ['full', 'ads_management', 5, 100_200],
  ])('%s tier, %s, %i active ads: %i calls per rolling hour', (tier, useCase, ads, calls) => {
    expect(metaUseCaseLimit(tier, useCase, ads)).toBe(calls);
  });

  it('sizes the use-case bucket from the active ads and the configured tier', () => {
    expect(policyForKey('a1:ads_insights', { platform: 'meta', quotas, activeAds: 3 })).toEqual(rollingWindowPolicy(1800, 3600));
    expect(policyForKey('a1:ads_insights', { platform: 'meta', quotas: { ...quotas, metaAccessTier: 'full' }, activeAds: 0 })).toEqual(
      rollingWindowPolicy(190_000, 3600),
    );
  });
});

describe('policyForKey', () => {
  it.each<[string, string, object]>([
    ['the Meta ad account is a gate', 'a1', { kind: 'gate' }],
    ['Meta app usage is the app’s rolling hour', 'app:meta', rollingWindowPolicy(4800, 3600)],
    ['Google’s operations are a sliding 24 h', 'app:google_ads', { kind: 'window', limit: 15_000, windowMs: 86_400_000 }],
    ['LinkedIn’s app day has the configured limit', 'app:linkedin', { kind: 'day', knownLimit: 100_000 }],
    ['a LinkedIn member day is unpublished', 'member:m1', { kind: 'day', knownLimit: null }],
  ])('%s', (_what, key, policy) => {
    expect(policyForKey(key, { platform: 'meta', quotas })).toMatchObject(policy);
  });

  it('gives Google customers their QPS bucket and refuses keys it cannot read', () => {
    expect(policyForKey('a1', { platform: 'google_ads', quotas })).toEqual({ capacity: 10, refillPerSecond: 1 });
    expect(policyForKey('app:tiktok', { platform: 'meta', quotas })).toBeNull();
  });
});

describe('what one sync takes', () => {
  const plan = (extra: Partial<SyncPlan>): SyncPlan => ({
    platform: 'meta',
    adAccountId: 'a1',
    lane: 'hot',
    includeEntities: true,
    includeHourly: false,
    activeAds: 3,
    memberId: null,
    quotas,
    ...extra,
  });
  const summary = (demands: ReturnType<typeof accountDemands>) =>
    demands.map((d) => [d.key, d.cost, d.optional ?? false, d.breaker ?? false]);

  it('a Meta sync takes its account (breaker), ads_insights, and ads_management only when it reads entities, optionally', () => {
    expect(summary(accountDemands(plan({})))).toEqual([
      ['a1', 1, false, true],
      ['a1:ads_insights', 1, false, false],
      ['a1:ads_management', 3, true, false],
    ]);
    expect(summary(accountDemands(plan({ includeEntities: false, includeHourly: true })))).toEqual([
      ['a1', 1, false, true],
      ['a1:ads_insights', 2, false, false],
    ]);
    expect(summary(appDemands(plan({})))).toEqual([['app:meta', 1, false, false]]);
  });

  it('a Google sync reserves its operations (two with hourly rows) on the developer token', () => {
    expect(summary(appDemands(plan({ platform: 'google_ads', includeHourly: true })))).toEqual([['app:google_ads', 2, false, false]]);
    expect(summary(accountDemands(plan({ platform: 'google_ads' })))).toEqual([['a1', 1, false, true]]);
  });

  it('a LinkedIn sync takes the app day and its member’s day', () => {
    expect(summary(appDemands(plan({ platform: 'linkedin', memberId: 'm1' })))).toEqual([
      ['app:linkedin', 1, false, false],
      ['member:m1', 1, false, false],
    ]);
  });
});
