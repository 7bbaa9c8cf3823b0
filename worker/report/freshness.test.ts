import { describe, expect, it } from 'vitest';
import { accountFreshness, widgetFreshness } from './freshness';

const now = new Date('2026-12-02T12:00:00Z');
const settling = { meta: 28, google_ads: 14, linkedin: 7 };
const ok = { state: 'ok' as const };

const meta = accountFreshness(
  { id: 'm', platform: 'meta', name: 'Meta US', timeZone: 'America/New_York', lastSyncedAt: new Date('2026-12-02T11:45:00Z') },
  ok,
  ok,
  settling,
  now,
);
const linkedin = accountFreshness(
  { id: 'l', platform: 'linkedin', name: 'LinkedIn DE', timeZone: 'Europe/Berlin', lastSyncedAt: new Date('2026-12-02T10:00:00Z') },
  { state: 'needs_reauth', message: 'Access expired: reconnect this account.' },
  ok,
  settling,
  now,
);

describe('accountFreshness', () => {
  it('marks the platform’s restatement window as provisional, in the account’s time zone', () => {
    expect(meta.provisionalFrom).toBe('2026-11-04');
    expect(linkedin.provisionalFrom).toBe('2026-11-25');
  });

  it('names why an account is not kept up to date', () => {
    expect(meta.problem).toBeNull();
    expect(linkedin.problem).toEqual({ kind: 'needs_reauth', message: 'Access expired: reconnect this account.' });
    const failing = accountFreshness(
      { id: 'g', platform: 'google_ads', name: 'G', timeZone: 'UTC', lastSyncedAt: null },
      ok,
      {
        state: 'failing',
        lastFailedAt: '2026-12-01T00:00:00Z',
        rawMessage: 'x',
        code: null,
        reason: 'The account was closed.',
        action: 'Remove it.',
      },
      settling,
      now,
    );
    expect(failing.problem).toEqual({ kind: 'failing', message: 'The account was closed. Remove it.' });
  });
});

describe('widgetFreshness', () => {
  it('is as fresh as the stalest account it shows, provisional from the earliest window', () => {
    const all = widgetFreshness([meta, linkedin], null);
    expect(all.syncedAt).toBe('2026-12-02T10:00:00.000Z');
    expect(all.latestSyncAt).toBe('2026-12-02T11:45:00.000Z');
    expect(all.provisionalFrom).toBe('2026-11-04');
    expect(all.problems.map((p) => [p.name, p.kind])).toEqual([['LinkedIn DE', 'needs_reauth']]);
  });

  it('only counts the accounts the widget shows', () => {
    const metaOnly = widgetFreshness([meta, linkedin], new Set(['m']));
    expect(metaOnly.problems).toEqual([]);
    expect(metaOnly.syncedAt).toBe('2026-12-02T11:45:00.000Z');
    expect(widgetFreshness([meta], new Set(['nothing']))).toEqual({
      syncedAt: null,
      latestSyncAt: null,
      provisionalFrom: null,
      problems: [],
    });
  });
});
