import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../context';
import { exhaustedBucket, resourceOf } from './throttle';

const midnight = Date.UTC(2026, 10, 29);
const call = (over: Partial<CallRecord>): CallRecord => ({
  service: 'linkedin',
  method: 'GET',
  path: '/rest/adAnalytics',
  at: midnight + 3_600_000,
  status: 200,
  cost: 1,
  principal: 'alice',
  ...over,
});

describe('daily limits', () => {
  it('names the resource of a path', () => {
    expect(resourceOf('/rest/adAnalytics')).toBe('adAnalytics');
    expect(resourceOf('/rest/adAccounts/502840441/adCampaigns')).toBe('adCampaigns');
    expect(resourceOf('/rest/adAccounts/502840441')).toBe('adAccounts');
  });

  it('throttles the application once its daily count for the resource is reached', () => {
    const calls = [call({ principal: 'a' }), call({ principal: 'b' })];
    const regime = { dailyAppLimit: 2, dailyMemberLimit: 100 };
    expect(exhaustedBucket(calls, { path: '/rest/adAnalytics', principal: 'c', nowMs: midnight + 7_200_000 }, regime)).toBe('APPLICATION');
  });

  it('throttles one member while others still get through', () => {
    const calls = [call({}), call({})];
    const regime = { dailyAppLimit: 100, dailyMemberLimit: 2 };
    const now = midnight + 7_200_000;
    expect(exhaustedBucket(calls, { path: '/rest/adAnalytics', principal: 'alice', nowMs: now }, regime)).toBe('APPLICATION_AND_MEMBER');
    expect(exhaustedBucket(calls, { path: '/rest/adAnalytics', principal: 'bob', nowMs: now }, regime)).toBeNull();
  });

  it('throttles a member with a limit of its own while the others keep the common one', () => {
    const calls = [call({}), call({ principal: 'bob' })];
    const regime = { dailyAppLimit: 100, dailyMemberLimit: 100, dailyMemberLimitByMember: { alice: 1 } };
    const now = midnight + 7_200_000;
    expect(exhaustedBucket(calls, { path: '/rest/adAnalytics', principal: 'alice', nowMs: now }, regime)).toBe('APPLICATION_AND_MEMBER');
    expect(exhaustedBucket(calls, { path: '/rest/adAnalytics', principal: 'bob', nowMs: now }, regime)).toBeNull();
  });

  it('resets at midnight UTC and counts each resource separately', () => {
    const calls = [call({ at: midnight - 1 }), call({ path: '/rest/adAccounts' })];
    const regime = { dailyAppLimit: 1, dailyMemberLimit: 1 };
    expect(exhaustedBucket(calls, { path: '/rest/adAnalytics', principal: 'alice', nowMs: midnight + 10 }, regime)).toBeNull();
  });

  it('does not count throttled or rejected calls', () => {
    const calls = [call({ status: 429, cost: 0 }), call({ status: 401, cost: 0 })];
    expect(
      exhaustedBucket(
        calls,
        { path: '/rest/adAnalytics', principal: 'alice', nowMs: midnight + 10_000_000 },
        { dailyAppLimit: 1, dailyMemberLimit: 1 },
      ),
    ).toBeNull();
  });
});
