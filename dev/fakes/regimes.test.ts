import { describe, expect, it } from 'vitest';
import { defaultRegimes, GOOGLE_DAILY_OPERATIONS, updateRegime } from './regimes';

describe('regimes', () => {
  it('start as a newly approved app: Meta limited tier, Google basic access, LinkedIn default daily limits', () => {
    const regimes = defaultRegimes();
    expect(regimes.meta).toEqual({ tier: 'limited', appCallsPerHour: 4_800 });
    expect(regimes.google_ads).toEqual({ accessLevel: 'basic', dailyOperations: 15_000, qpsPerCustomer: 10 });
    expect(regimes.linkedin).toEqual({ dailyAppLimit: 100_000, dailyMemberLimit: 2_000 });
  });

  it('derive Google daily operations from a new access level unless given', () => {
    const derived = updateRegime(defaultRegimes(), 'google_ads', { accessLevel: 'explorer' });
    expect(derived.ok && derived.regimes.google_ads.dailyOperations).toBe(GOOGLE_DAILY_OPERATIONS.explorer);
    const explicit = updateRegime(defaultRegimes(), 'google_ads', { accessLevel: 'explorer', dailyOperations: 50 });
    expect(explicit.ok && explicit.regimes.google_ads.dailyOperations).toBe(50);
  });

  it('set and remove the Meta per-account override without touching the rest', () => {
    const set = updateRegime(defaultRegimes(), 'meta', { accountCallsPerHourOverride: 5 });
    expect(set.ok && set.regimes.meta).toEqual({ tier: 'limited', appCallsPerHour: 4_800, accountCallsPerHourOverride: 5 });
    const removed = set.ok ? updateRegime(set.regimes, 'meta', { accountCallsPerHourOverride: null }) : set;
    expect(removed.ok && removed.regimes.meta).toEqual({ tier: 'limited', appCallsPerHour: 4_800 });
  });

  it('set and remove single ad accounts’ budgets, merging with the ones already set', () => {
    const set = updateRegime(defaultRegimes(), 'meta', { accountCallsPerHourByAccount: { '111': 1, '222': 2 } });
    const merged = set.ok ? updateRegime(set.regimes, 'meta', { accountCallsPerHourByAccount: { '111': null, '333': 3 } }) : set;
    expect(merged.ok && merged.regimes.meta).toEqual({
      tier: 'limited',
      appCallsPerHour: 4_800,
      accountCallsPerHourByAccount: { '222': 2, '333': 3 },
    });
  });

  it('set and remove the Meta report-job length', () => {
    const set = updateRegime(defaultRegimes(), 'meta', { reportRunSteps: 12 });
    expect(set.ok && set.regimes.meta).toEqual({ tier: 'limited', appCallsPerHour: 4_800, reportRunSteps: 12 });
    const removed = set.ok ? updateRegime(set.regimes, 'meta', { reportRunSteps: null }) : set;
    expect(removed.ok && removed.regimes.meta).toEqual({ tier: 'limited', appCallsPerHour: 4_800 });
    const zero = updateRegime(defaultRegimes(), 'meta', { reportRunSteps: 0 });
    expect(!zero.ok && zero.message).toContain('reportRunSteps');
  });

  it('merge LinkedIn member limits per member, a null removing that member’s', () => {
    const set = updateRegime(defaultRegimes(), 'linkedin', { dailyMemberLimitByMember: { alice: 1, bob: 3 } });
    if (!set.ok) throw new Error(set.message);
    expect(set.regimes.linkedin.dailyMemberLimitByMember).toEqual({ alice: 1, bob: 3 });
    const removed = updateRegime(set.regimes, 'linkedin', { dailyMemberLimitByMember: { alice: null } });
    if (!removed.ok) throw new Error(removed.message);
    expect(removed.regimes.linkedin).toEqual({
      dailyAppLimit: 100_000,
      dailyMemberLimit: 2_000,
      dailyMemberLimitByMember: { bob: 3 },
    });
  });

  it('reject unknown fields and bad values with a message naming the field', () => {
    const unknown = updateRegime(defaultRegimes(), 'linkedin', { dailyLimit: 5 });
    expect(unknown.ok).toBe(false);
    const negative = updateRegime(defaultRegimes(), 'linkedin', { dailyMemberLimit: -1 });
    expect(!negative.ok && negative.message).toContain('dailyMemberLimit');
    const tier = updateRegime(defaultRegimes(), 'meta', { tier: 'gold' });
    expect(!tier.ok && tier.message).toContain('tier');
  });

  it('leave the regimes they were given unchanged', () => {
    const before = defaultRegimes();
    updateRegime(before, 'linkedin', { dailyMemberLimit: 1 });
    expect(before).toEqual(defaultRegimes());
  });
});
