import { describe, expect, it } from 'vitest';
import type { PipelineAccountHealth, PipelineHealth } from './pipeline-health';
import { countByStatus, hourlyBuckets, type PipelineStatus, worstFirst } from './pipeline-status';
import { appQuotaUse, summarizeTenant, worstTenantsFirst } from './pipeline-summary';

const NOW = new Date('2026-12-01T12:30:00Z');
let seq = 0;

function account(change: Partial<PipelineAccountHealth> & { status: PipelineStatus }): PipelineAccountHealth {
  seq += 1;
  return {
    id: `acc-${seq}`,
    platform: 'meta',
    externalId: `act_${seq}`,
    name: `Account ${seq}`,
    connectionStatus: 'active',
    lastSyncedAt: null,
    lastRun: null,
    lag: { minutes: 5, behindTargetMinutes: 0 },
    budget: null,
    breaker: null,
    nextAllowedAt: null,
    nextAllowedByLane: null,
    callsPerHour: hourlyBuckets([], NOW),
    callsLastDay: 0,
    deferrals: { count: 0, byReason: { budget: 0, breaker: 0, quota: 0 }, lastAt: null },
    deadLetters: 0,
    failure: null,
    ...change,
  };
}

function tenant(name: string, accounts: PipelineAccountHealth[], deadLetters = 0): PipelineHealth {
  return {
    tenant: { id: `t-${name}`, slug: name.toLowerCase(), name },
    generatedAt: NOW.toISOString(),
    lagTargetMinutes: 15,
    hoursShown: 24,
    statusCounts: countByStatus(accounts.map((a) => a.status)),
    accounts: worstFirst(accounts),
    deadLetters: Array.from({ length: deadLetters }, (_, i) => ({
      id: `dl-${i}`,
      adAccountId: null,
      lane: 'hot',
      from: null,
      to: null,
      attempts: 3,
      receivedAt: NOW.toISOString(),
    })),
    apiVersions: [],
  };
}

describe('summarizeTenant', () => {
  it('leads with the worst status, sums deferrals and calls, keeps the longest measured lag and up to three accounts needing attention', () => {
    const summary = summarizeTenant(
      tenant(
        'Acme',
        [
          account({ status: 'healthy', callsLastDay: 10 }),
          account({ status: 'lagging', lag: { minutes: 50, behindTargetMinutes: 35 }, callsLastDay: 2 }),
          account({ status: 'failing', lag: { minutes: null, behindTargetMinutes: null } }),
          account({ status: 'throttled', deferrals: { count: 4, byReason: { budget: 3, breaker: 0, quota: 1 }, lastAt: null } }),
          account({ status: 'breaker_open', deferrals: { count: 1, byReason: { budget: 0, breaker: 1, quota: 0 }, lastAt: null } }),
          account({ status: 'disabled', lag: { minutes: null, behindTargetMinutes: null } }),
        ],
        2,
      ),
    );
    expect(summary).toMatchObject({
      worstStatus: 'failing',
      accounts: 6,
      maxLagMinutes: 50,
      deferrals: 5,
      deadLetters: 2,
      callsLastDay: 12,
    });
    expect(summary.worstAccounts.map((a) => a.status)).toEqual(['failing', 'breaker_open', 'throttled']);
  });

  it('calls a tenant without accounts healthy, with no lag figure', () => {
    expect(summarizeTenant(tenant('Empty', []))).toMatchObject({
      worstStatus: 'healthy',
      accounts: 0,
      maxLagMinutes: null,
      worstAccounts: [],
    });
  });
});

describe('worstTenantsFirst', () => {
  it('orders tenants by their worst status, then by their longest lag, then by name', () => {
    const lines = [
      tenant('Calm', [account({ status: 'healthy' })]),
      tenant('Late', [account({ status: 'lagging', lag: { minutes: 40, behindTargetMinutes: 25 } })]),
      tenant('Later', [account({ status: 'lagging', lag: { minutes: 90, behindTargetMinutes: 75 } })]),
      tenant('Broken', [account({ status: 'needs_reauth', lag: { minutes: null, behindTargetMinutes: null } })]),
      tenant('Also calm', [account({ status: 'healthy' })]),
    ].map(summarizeTenant);
    expect(worstTenantsFirst(lines).map((l) => l.tenant.name)).toEqual(['Broken', 'Later', 'Late', 'Also calm', 'Calm']);
  });
});

describe('appQuotaUse', () => {
  it("sets the fleet's calls against each app quota in the window the platform counts it in", () => {
    const hours = (lastHour: number, earlier: number) =>
      hourlyBuckets(
        [
          { hour: new Date('2026-12-01T12:00:00Z'), apiCalls: lastHour },
          { hour: new Date('2026-12-01T03:00:00Z'), apiCalls: earlier },
        ],
        NOW,
      );
    const use = appQuotaUse(
      [
        tenant('A', [
          account({ status: 'healthy', platform: 'meta', callsPerHour: hours(30, 100), callsLastDay: 130 }),
          account({ status: 'healthy', platform: 'google_ads', callsPerHour: hours(5, 5), callsLastDay: 10 }),
        ]),
        tenant('B', [account({ status: 'healthy', platform: 'meta', callsPerHour: hours(18, 0), callsLastDay: 18 })]),
      ],
      { metaCallsPerHour: 4800, googleOperationsPerDay: 15_000, linkedinCallsPerDay: 100_000 },
    );
    expect(use).toEqual([
      { platform: 'meta', window: 'hour', quota: 4800, callsInWindow: 48, utilizationPct: 1 },
      { platform: 'google_ads', window: 'day', quota: 15_000, callsInWindow: 10, utilizationPct: 0 },
      { platform: 'linkedin', window: 'day', quota: 100_000, callsInWindow: 0, utilizationPct: 0 },
    ]);
  });
});
