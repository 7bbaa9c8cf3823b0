import { describe, expect, it } from 'vitest';
import { accountKey, appKey, type BudgetKey, memberKey, parseBudgetKey, useCaseKey } from './budget-keys';

const ACCOUNT = '5b0f8f7e-3f7a-4a57-9a3e-2f1c0d9e8b7a';

describe('parseBudgetKey', () => {
  it.each<[string, string, BudgetKey]>([
    ['an ad account', accountKey(ACCOUNT), { scope: 'account', adAccountId: ACCOUNT }],
    [
      'a Meta ads_insights use case',
      useCaseKey(ACCOUNT, 'ads_insights'),
      { scope: 'use_case', adAccountId: ACCOUNT, useCase: 'ads_insights' },
    ],
    [
      'a Meta ads_management use case',
      useCaseKey(ACCOUNT, 'ads_management'),
      { scope: 'use_case', adAccountId: ACCOUNT, useCase: 'ads_management' },
    ],
    ['an app', appKey('google_ads'), { scope: 'app', platform: 'google_ads' }],
    ['a LinkedIn member', memberKey('urn:li:person:abc'), { scope: 'member', memberId: 'urn:li:person:abc' }],
    ['an app row stored under the bare platform name', 'linkedin', { scope: 'app', platform: 'linkedin' }],
  ])('reads back %s', (_what, key, parsed) => {
    expect(parseBudgetKey(key)).toEqual(parsed);
  });

  it.each(['', 'app:tiktok', 'member:', `${ACCOUNT}:custom_audience`, ':ads_insights'])('refuses %j, which no builder makes', (key) => {
    expect(parseBudgetKey(key)).toBeNull();
  });
});
