import { describe, expect, it } from 'vitest';
import { applySyncProgress, type BackfillAccount, describeSyncing, isBackfillRunning, viewBackfill } from './backfill';
import type { SyncProgressEvent } from './live-updates';

const account = (id: string, windowsDone: number, windowsTotal: number, extra: Partial<BackfillAccount> = {}): BackfillAccount => ({
  id,
  platform: 'meta',
  name: `Account ${id}`,
  backfill: { windowsDone, windowsTotal, rows: windowsDone * 100, from: '2026-08-01', to: '2026-10-29' },
  ...extra,
});
const event = (adAccountId: string, windowsDone: number, windowsTotal: number, rows = windowsDone * 100): SyncProgressEvent => ({
  type: 'sync-progress',
  adAccountId,
  windowsDone,
  windowsTotal,
  rows,
  seq: 1,
  at: '2026-11-29T10:00:00Z',
});

const stuck = (id: string) =>
  account(id, 0, 3, {
    backfill: { ...account(id, 0, 3).backfill, stopped: 'Google Ads says this account is not enabled (closed or cancelled).' },
  });

describe('viewBackfill', () => {
  it('shows nothing for an account whose backfill was never requested', () => {
    expect(viewBackfill(account('a', 0, 0).backfill)).toEqual({ state: 'none' });
  });

  it('reports a running import with its share of windows done', () => {
    expect(viewBackfill(account('a', 1, 3).backfill)).toMatchObject({
      state: 'running',
      windowsDone: 1,
      windowsTotal: 3,
      percent: 33,
      rows: 100,
    });
  });

  it('calls an import complete once every window is done', () => {
    expect(viewBackfill(account('a', 3, 3).backfill)).toMatchObject({ state: 'complete', windowsTotal: 3, rows: 300, from: '2026-08-01' });
    expect(isBackfillRunning(account('a', 3, 3).backfill)).toBe(false);
    expect(isBackfillRunning(account('a', 0, 3).backfill)).toBe(true);
  });

  it('calls an unfinished import stopped, with the reason, once the platform refuses the account for good', () => {
    expect(viewBackfill(stuck('a').backfill)).toEqual({
      state: 'stopped',
      windowsDone: 0,
      windowsTotal: 3,
      rows: 0,
      from: '2026-08-01',
      to: '2026-10-29',
      reason: 'Google Ads says this account is not enabled (closed or cancelled).',
    });
    expect(isBackfillRunning(stuck('a').backfill)).toBe(false);
  });
});

describe('applySyncProgress', () => {
  it('moves the matching account forward and leaves the others alone', () => {
    const accounts = [account('a', 1, 3), account('b', 0, 2)];
    const { accounts: next, refresh } = applySyncProgress(accounts, event('a', 2, 3));
    expect(refresh).toBe(false);
    expect(next[0]!.backfill).toMatchObject({ windowsDone: 2, windowsTotal: 3, rows: 200, from: '2026-08-01' });
    expect(next[1]).toBe(accounts[1]);
  });

  it('keeps what it shows and asks for a refetch when progress would go backwards', () => {
    const { accounts, refresh } = applySyncProgress([account('a', 3, 3)], event('a', 1, 3));
    expect(accounts[0]!.backfill.windowsDone).toBe(3);
    expect(refresh).toBe(true);
  });

  it('follows a new backfill of a different size from its first event', () => {
    const { accounts, refresh } = applySyncProgress([account('a', 3, 3)], event('a', 1, 13, 40));
    expect(accounts[0]!.backfill).toMatchObject({ windowsDone: 1, windowsTotal: 13, rows: 40 });
    expect(refresh).toBe(false);
  });

  it('asks for a refetch when the event is about an account the page has not loaded', () => {
    expect(applySyncProgress([account('a', 1, 3)], event('new', 1, 3)).refresh).toBe(true);
  });
});

describe('describeSyncing', () => {
  it('is null when no import is running', () => {
    expect(describeSyncing([account('a', 3, 3), account('b', 0, 0)])).toBeNull();
  });

  it('leaves out an import that stopped: a stuck account is not importing', () => {
    expect(describeSyncing([stuck('a')])).toBeNull();
    expect(describeSyncing([stuck('a'), account('b', 1, 3, { name: 'Northwind US' })])).toBe(
      'Syncing history: 1 of 3 months for Meta · Northwind US',
    );
  });

  it('names each running import with its platform and account', () => {
    expect(describeSyncing([account('a', 2, 3, { name: 'Northwind US' }), account('b', 3, 3)])).toBe(
      'Syncing history: 2 of 3 months for Meta · Northwind US',
    );
  });

  it('lists several running imports and speaks of a single month in the singular', () => {
    const line = describeSyncing([
      account('a', 0, 1, { platform: 'google_ads', name: 'Search' }),
      account('b', 4, 13, { platform: 'linkedin', name: 'B2B' }),
    ]);
    expect(line).toBe('Syncing history: 0 of 1 month for Google Ads · Search; 4 of 13 months for LinkedIn · B2B');
  });
});
