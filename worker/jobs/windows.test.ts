import { describe, expect, it } from 'vitest';
import { addDays, chunkWindow, hotWindow, localDate, settlingWindow } from './windows';

describe('date windows', () => {
  it('dates rows in the account time zone, not UTC', () => {
    const at = new Date('2026-11-29T03:30:00Z');
    expect(localDate(at, 'America/New_York')).toBe('2026-11-28');
    expect(localDate(at, 'Asia/Tokyo')).toBe('2026-11-29');
  });

  it('crosses month and year boundaries and DST changes by calendar day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-01', -1)).toBe('2026-10-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('hot lane covers yesterday and today in the account zone', () => {
    expect(hotWindow(new Date('2026-11-29T03:30:00Z'), 'America/New_York')).toEqual({ from: '2026-11-27', to: '2026-11-28' });
  });

  it('settling lane re-reads the restatement window up to the day before yesterday', () => {
    expect(settlingWindow(new Date('2026-11-29T12:00:00Z'), 'Europe/Berlin', 28)).toEqual({ from: '2026-11-01', to: '2026-11-27' });
  });

  it('chunks a backfill newest first without gaps or overlap', () => {
    const chunks = chunkWindow({ from: '2026-10-01', to: '2026-11-05' }, 14);
    expect(chunks).toEqual([
      { from: '2026-10-23', to: '2026-11-05' },
      { from: '2026-10-09', to: '2026-10-22' },
      { from: '2026-10-01', to: '2026-10-08' },
    ]);
  });
});
