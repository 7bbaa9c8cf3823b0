import { describe, expect, it } from 'vitest';
import { continuationOf, jobMessage, type SyncMessage } from './messages';
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
  deferrals: 0,
};

describe('continuationOf', () => {
  it('resumes the same slot at the cursor, keeping lane, window and the time it was planned for', () => {
    expect(continuationOf(hotSlot, 'page-2', 'progress')).toEqual({ ...hotSlot, cursor: 'page-2' });
  });

  it('counts each throttled deferral of the slot and starts the count again after progress', () => {
    const once = continuationOf(hotSlot, 'page-2', 'throttled');
    const twice = continuationOf(once, 'page-2', 'throttled');
    expect([once.deferrals, twice.deferrals]).toEqual([1, 2]);
    expect(continuationOf(twice, 'page-3', 'progress').deferrals).toBe(0);
  });

  it('reads a message enqueued before deferrals were counted as never deferred', () => {
    const { deferrals: _, ...old } = hotSlot;
    expect(jobMessage.parse(old)).toEqual(hotSlot);
    expect(jobMessage.safeParse({ ...hotSlot, deferrals: -1 }).success).toBe(false);
  });

  it('fetches what the planned slot fetches, however late the deferral runs', () => {
    const firstOfHour = { ...hotSlot, enqueuedAt: '2026-11-30T10:00:00.000Z' };
    expect(syncOptions(continuationOf(hotSlot, null, 'throttled'), 'google_ads')).toEqual({ includeEntities: false, includeHourly: false });
    expect(syncOptions(continuationOf(firstOfHour, null, 'throttled'), 'google_ads')).toEqual({
      includeEntities: true,
      includeHourly: true,
    });
  });
});

describe('the trace a message carries', () => {
  const trace = { traceId: 4_503_599_627_370_497, parentId: 12 };

  it('parses with the cron trace and keeps it through continuations, so every delivery joins one trace', () => {
    const traced = jobMessage.parse({ ...hotSlot, trace }) as SyncMessage;
    expect(traced.trace).toEqual(trace);
    expect(continuationOf(traced, 'page-2', 'throttled').trace).toEqual(trace);
  });

  it('is optional: a message from before traces still parses, without one', () => {
    const parsed = jobMessage.parse(hotSlot) as SyncMessage;
    expect(parsed).toEqual(hotSlot);
    expect('trace' in parsed).toBe(false);
  });

  it.each([
    ['a zero id', { traceId: 0, parentId: 1 }],
    ['a string id', { traceId: '12', parentId: 1 }],
    ['an id JSON cannot carry exactly', { traceId: 2 ** 60, parentId: 1 }],
    ['a missing parent', { traceId: 12 }],
  ])('refuses %s', (_case, bad) => {
    expect(jobMessage.safeParse({ ...hotSlot, trace: bad }).success).toBe(false);
  });
});
