import { describe, expect, it } from 'vitest';
import { type AccountProgress, allBackfilled, describeAccount, describeTotals } from './progress';

const account = (windowsDone: number, windowsTotal: number, rows: number): AccountProgress => ({
  platform: 'meta',
  name: 'Northwind Outfitters US',
  externalId: '1',
  currency: 'USD',
  connectionStatus: 'active',
  backfill: { windowsDone, windowsTotal, rows, from: '2026-09-01', to: '2026-11-29' },
});

describe('backfill progress', () => {
  it('is finished only when every account of every tenant has done all its windows', () => {
    expect(
      allBackfilled([
        { tenant: 'A', accounts: [account(3, 3, 10)] },
        { tenant: 'B', accounts: [account(3, 3, 5)] },
      ]),
    ).toBe(true);
    expect(allBackfilled([{ tenant: 'A', accounts: [account(3, 3, 10), account(2, 3, 5)] }])).toBe(false);
  });

  it('is not finished for a tenant whose accounts have not appeared yet', () => {
    expect(allBackfilled([{ tenant: 'A', accounts: [] }])).toBe(false);
  });

  it('describes an account with its platform, windows, rows and dates', () => {
    const line = describeAccount('Partner A', account(1, 3, 1234));
    expect(line).toMatch(/^Partner A\s+Meta\s+Northwind Outfitters US \(USD\)\s+1\/3 windows, 1,234 rows, 2026-09-01 → 2026-11-29$/);
    expect(describeAccount('Partner A', account(3, 3, 9))).toContain('backfilled, 9 rows');
  });

  it('adds windows and rows over all tenants', () => {
    expect(
      describeTotals([
        { tenant: 'A', accounts: [account(1, 3, 100), account(3, 3, 2000)] },
        { tenant: 'B', accounts: [account(0, 2, 0)] },
      ]),
    ).toBe('backfill 4/8 windows, 2,100 rows');
  });
});
