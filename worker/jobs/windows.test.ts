import { describe, expect, it } from 'vitest';
import { backfillChunks, hotWindow, settlingWindow } from './windows';

describe('sync lanes', () => {
  it('hot lane covers yesterday and today in the account zone, not UTC', () => {
    const at = new Date('2026-11-29T03:30:00Z');
    expect(hotWindow(at, 'America/New_York')).toEqual({ from: '2026-11-27', to: '2026-11-28' });
    expect(hotWindow(at, 'Asia/Tokyo')).toEqual({ from: '2026-11-28', to: '2026-11-29' });
  });

  it('settling lane re-reads the restatement window up to the day before yesterday', () => {
    expect(settlingWindow(new Date('2026-11-29T12:00:00Z'), 'Europe/Berlin', 28)).toEqual({ from: '2026-11-01', to: '2026-11-27' });
  });

  it('chunks a backfill newest first without gaps or overlap', () => {
    expect(backfillChunks({ from: '2026-10-01', to: '2026-11-05' }, 14)).toEqual([
      { from: '2026-10-29', to: '2026-11-05' },
      { from: '2026-10-15', to: '2026-10-28' },
      { from: '2026-10-01', to: '2026-10-14' },
    ]);
  });
});
