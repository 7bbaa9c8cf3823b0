import { describe, expect, it } from 'vitest';
import { isImporting, type OnboardingAccount, progressLabel } from './onboarding';

const account = (picked: boolean, windowsDone: number, windowsTotal: number, rows = 0): OnboardingAccount => ({
  id: 'a',
  platform: 'meta',
  name: 'Shop',
  externalId: '1',
  currency: 'EUR',
  picked,
  awaitingChoice: false,
  backfill: { windowsDone, windowsTotal, rows },
});

describe('onboarding progress', () => {
  it('counts a picked account as importing until every window is done, and an unpicked one never', () => {
    expect(isImporting(account(true, 0, 0))).toBe(true);
    expect(isImporting(account(true, 2, 3))).toBe(true);
    expect(isImporting(account(true, 3, 3))).toBe(false);
    expect(isImporting(account(false, 0, 3))).toBe(false);
  });

  it('says how far the import is, then how many rows it brought', () => {
    expect(progressLabel(account(true, 0, 0))).toBe('Starting the import…');
    expect(progressLabel(account(true, 1, 3))).toBe('1 of 3 months imported');
    expect(progressLabel(account(true, 3, 3, 12345))).toBe('History imported: 12,345 rows');
  });
});
