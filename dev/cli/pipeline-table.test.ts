import { describe, expect, it } from 'vitest';
import { formatFleet } from './pipeline-table';

describe('npm run pipeline', () => {
  it('prints one line per tenant in the order the API gave, the accounts needing attention under it, and the app quotas', () => {
    const lines = formatFleet({
      generatedAt: '2026-12-01T12:00:00.000Z',
      tenants: [
        {
          tenant: { slug: 'partner-b', name: 'Partner B' },
          worstStatus: 'breaker_open',
          accounts: 2,
          maxLagMinutes: 47,
          deferrals: 3,
          deadLetters: 1,
          callsLastDay: 120,
          worstAccounts: [{ name: 'Möbel', platform: 'meta', status: 'breaker_open', nextAllowedAt: '2026-12-01T12:04:00.000Z' }],
        },
        {
          tenant: { slug: 'partner-a', name: 'Partner A' },
          worstStatus: 'healthy',
          accounts: 1,
          maxLagMinutes: null,
          deferrals: 0,
          deadLetters: 0,
          callsLastDay: 4,
          worstAccounts: [],
        },
      ],
      appQuotas: [{ platform: 'meta', window: 'hour', quota: 4800, callsInWindow: 48, utilizationPct: 1 }],
      appBudgets: [
        {
          key: 'app:meta',
          capacity: 4320,
          tokensLeft: 4271.6,
          utilizationPct: 1,
          blockedUntil: null,
          nextAllowedByLane: { hot: '2026-12-01T12:00:00.000Z', backfill: '2026-12-01T12:00:00.000Z' },
        },
        {
          key: 'member:linkedin:ab12',
          capacity: null,
          tokensLeft: null,
          utilizationPct: 100,
          blockedUntil: '2026-12-02T00:00:00.000Z',
          nextAllowedByLane: { hot: '2026-12-02T00:00:00.000Z', backfill: '2026-12-02T00:00:00.000Z' },
        },
      ],
    });
    expect(lines[0]).toBe('Pipeline health as of 2026-12-01T12:00:00.000Z (last 24 hours), worst first:');
    const rows = lines.filter((l) => /^partner-/.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(0, 2))).toEqual([
      ['partner-b', 'breaker_open'],
      ['partner-a', 'healthy'],
    ]);
    expect(rows[0]!.split(/\s+/).slice(2)).toEqual(['2', '47', 'min', '3', '1', '120']);
    expect(lines).toContain('    meta Möbel: breaker_open, next call 2026-12-01T12:04:00.000Z');
    expect(lines).toContain('  meta             48 of 4800 per hour (this hour, 1%)');
    expect(lines.slice(-2)).toEqual([
      '  app:meta                     4271 of 4320 left (1%), backfill may call at 2026-12-01T12:00:00.000Z',
      '  member:linkedin:ab12         limit not learnt yet (100%), blocked until 2026-12-02T00:00:00.000Z, backfill may call at 2026-12-02T00:00:00.000Z',
    ]);
  });
});
