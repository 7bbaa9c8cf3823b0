import { describe, expect, it } from 'vitest';
import { nextSlot, type ScheduleFacts, syncSchedule } from './next-sync';

const NOW = new Date('2026-11-29T15:07:30Z');
const HEALTHY: ScheduleFacts = {
  enabled: true,
  connectionId: 'c1',
  connectionHealth: { state: 'ok' },
  syncState: { state: 'ok' },
  lastSyncedAt: '2026-11-29T14:45:10Z',
};

describe('nextSlot', () => {
  it('is the next quarter hour, and a slot starting right now counts as running', () => {
    expect(nextSlot(NOW).toISOString()).toBe('2026-11-29T15:15:00.000Z');
    expect(nextSlot(new Date('2026-11-29T15:15:00Z')).toISOString()).toBe('2026-11-29T15:30:00.000Z');
    expect(nextSlot(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});

describe('syncSchedule', () => {
  it('gives a syncing account its next slot and its lag behind the 15-minute target', () => {
    expect(syncSchedule(HEALTHY, NOW)).toEqual({
      state: 'scheduled',
      nextSyncAt: '2026-11-29T15:15:00.000Z',
      lag: { minutes: 22, behindTargetMinutes: 7 },
    });
  });

  it('gives no next sync where waiting will not bring data, and no lag figure for those', () => {
    const unmeasured = { minutes: null, behindTargetMinutes: null };
    expect(syncSchedule({ ...HEALTHY, connectionId: null }, NOW)).toEqual({ state: 'disconnected', nextSyncAt: null, lag: unmeasured });
    expect(syncSchedule({ ...HEALTHY, connectionHealth: { state: 'needs_reauth', message: 'x' } }, NOW)).toMatchObject({
      state: 'needs_reauth',
      lag: unmeasured,
    });
    const failing = {
      state: 'failing',
      lastFailedAt: NOW.toISOString(),
      rawMessage: 'gone',
      code: null,
      reason: 'r',
      action: 'a',
    } as const;
    expect(syncSchedule({ ...HEALTHY, syncState: failing }, NOW).state).toBe('failing');
  });

  it('keeps the lag of a paused account and never-synced accounts have no lag yet', () => {
    expect(syncSchedule({ ...HEALTHY, enabled: false }, NOW)).toEqual({
      state: 'paused',
      nextSyncAt: null,
      lag: { minutes: 22, behindTargetMinutes: 7 },
    });
    expect(syncSchedule({ ...HEALTHY, lastSyncedAt: null }, NOW).lag).toEqual({ minutes: null, behindTargetMinutes: null });
  });

  it('says an expiring grant still syncs', () => {
    const expiring = { state: 'expiring', expiresAt: '2026-12-01T00:00:00Z', message: 'soon' } as const;
    expect(syncSchedule({ ...HEALTHY, connectionHealth: expiring }, NOW).state).toBe('scheduled');
  });
});
