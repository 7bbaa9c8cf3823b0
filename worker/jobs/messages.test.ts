import { describe, expect, it } from 'vitest';
import { continuationOf, type SyncMessage } from './messages';
import { syncOptions } from './sync-options';

const hotSlot: SyncMessage = {
  kind: 'sync',
  tenantId: '7e1d0a00-0000-4000-8000-0000000000a1',
  adAccountId: '7e1d0a00-0000-4000-8000-0000000000a2',
  lane: 'hot',
  from: '2026-11-29',
  to: '2026-11-30',
  cursor: null,
  enqueuedAt: '2026-11-30T09:20:00.000Z',
};

describe('continuationOf', () => {
  it('resumes the same slot at the cursor, keeping lane, window and the time it was planned for', () => {
    expect(continuationOf(hotSlot, 'page-2')).toEqual({ ...hotSlot, cursor: 'page-2' });
  });

  it('fetches what the planned slot fetches, however late the deferral runs', () => {
    const firstOfHour = { ...hotSlot, enqueuedAt: '2026-11-30T10:00:00.000Z' };
    expect(syncOptions(continuationOf(hotSlot, null), 'google_ads')).toEqual({ includeEntities: false, includeHourly: false });
    expect(syncOptions(continuationOf(firstOfHour, null), 'google_ads')).toEqual({ includeEntities: true, includeHourly: true });
  });
});
