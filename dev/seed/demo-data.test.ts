import { describe, expect, it } from 'vitest';
import { DEMO_AD_ACCOUNTS, dateRangeEndingOn, demoEntities, demoStatRows, localDate } from './demo-data';

const account = DEMO_AD_ACCOUNTS[0]!;

describe('demo data', () => {
  it('produces the same numbers for the same account and dates', () => {
    const dates = dateRangeEndingOn('2026-11-29', 3);
    expect(demoStatRows(account, dates)).toEqual(demoStatRows(account, dates));
  });

  it('has one row per ad per day, with whole-cent spend and clicks never above impressions', () => {
    const rows = demoStatRows(account, dateRangeEndingOn('2026-11-29', 7));
    expect(rows).toHaveLength(7 * demoEntities(account).ads.length);
    for (const r of rows) {
      expect(r.spendMicros % 10_000).toBe(0);
      expect(r.clicks).toBeLessThanOrEqual(r.impressions);
      expect(r.spendMicros).toBeGreaterThan(0);
    }
  });

  it('lists consecutive dates ending on the given day', () => {
    expect(dateRangeEndingOn('2026-03-01', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('reads today in the account time zone', () => {
    const now = new Date('2026-11-29T03:00:00Z');
    expect(localDate(now, 'America/New_York')).toBe('2026-11-28');
    expect(localDate(now, 'Europe/Berlin')).toBe('2026-11-29');
  });
});
