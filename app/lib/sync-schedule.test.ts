import { describe, expect, it } from 'vitest';
import { scheduleLines } from './sync-schedule';

const NOW = new Date('2026-11-29T15:07:30Z');

describe('scheduleLines', () => {
  it('says when the next sync runs and how old the data is', () => {
    const lines = scheduleLines(
      { state: 'scheduled', nextSyncAt: '2026-11-29T15:15:00.000Z', lag: { minutes: 22, behindTargetMinutes: 7 } },
      NOW,
    );
    expect(lines).toEqual({ next: 'Next sync in 8 min', lag: 'Data 22 min old (target 15 min)', lagging: false });
  });

  it('flags data two slots late as lagging, in hours once past an hour', () => {
    const lines = scheduleLines(
      { state: 'scheduled', nextSyncAt: '2026-11-29T15:15:00.000Z', lag: { minutes: 95, behindTargetMinutes: 80 } },
      NOW,
    );
    expect(lines.lag).toBe('Data 1 h 35 min old (target 15 min)');
    expect(lines.lagging).toBe(true);
  });

  it('says why no sync is scheduled, without a lag where it is not measured', () => {
    const unmeasured = { minutes: null, behindTargetMinutes: null };
    expect(scheduleLines({ state: 'needs_reauth', nextSyncAt: null, lag: unmeasured }, NOW)).toEqual({
      next: 'No sync until the account is reconnected.',
      lag: null,
      lagging: false,
    });
    expect(scheduleLines({ state: 'paused', nextSyncAt: null, lag: { minutes: 4000, behindTargetMinutes: 3985 } }, NOW).lag).toBe(
      'Data 2 days old (target 15 min)',
    );
  });
});
