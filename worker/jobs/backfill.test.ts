import { describe, expect, it } from 'vitest';
import {
  BACKFILL_CHUNK_DAYS,
  BACKFILL_STALL_HOURS,
  backfillWindow,
  planBackfill,
  planManualSync,
  restartStalledBackfill,
} from './backfill';

const now = new Date('2026-11-29T15:00:00Z');

describe('backfill planning', () => {
  it('defaults to 90 days ending today in the account zone', () => {
    expect(backfillWindow('meta', 'Asia/Tokyo', now)).toEqual({ from: '2026-09-02', to: '2026-11-30' });
  });

  it('clamps the depth to the platform’s history limit', () => {
    const window = backfillWindow('meta', 'UTC', now, 5000);
    expect(window).toEqual({ from: '2023-11-01', to: '2026-11-29' });
    expect(backfillWindow('linkedin', 'UTC', now, 5000).from).toBe('2016-12-02');
  });

  it('splits the window into 30-day messages, newest first, covering every day once', () => {
    const messages = planBackfill({ tenantId: 't', adAccountId: 'a' }, { from: '2026-09-01', to: '2026-11-29' }, now);
    expect(messages.map((m) => [m.from, m.to])).toEqual([
      ['2026-10-31', '2026-11-29'],
      ['2026-10-01', '2026-10-30'],
      ['2026-09-01', '2026-09-30'],
    ]);
    expect(messages.every((m) => m.lane === 'backfill' && m.cursor === null)).toBe(true);
  });

  it('splits an operator’s long range into the same chunks, each at most a chunk long, covering every day once', () => {
    const messages = planManualSync({ tenantId: 't', adAccountId: 'a' }, { from: '2023-08-20', to: '2026-12-01' }, now);
    const days = (m: { from: string; to: string }) => (Date.parse(m.to) - Date.parse(m.from)) / 86_400_000 + 1;
    expect(messages.every((m) => m.lane === 'manual' && days(m) <= BACKFILL_CHUNK_DAYS)).toBe(true);
    expect(messages.reduce((sum, m) => sum + days(m), 0)).toBe(1200);
    expect(messages.length).toBe(40);
    expect([messages.at(-1)!.from, messages[0]!.to]).toEqual(['2023-08-20', '2026-12-01']);
  });
});

describe('restartStalledBackfill', () => {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const requested = {
    tenantId: 't',
    adAccountId: 'a',
    from: '2026-09-01',
    to: '2026-11-29',
    requestedAt: hoursAgo(72).toISOString(),
    doneWindows: [{ from: '2026-10-31', to: '2026-11-29' }],
    lastRunAt: hoursAgo(BACKFILL_STALL_HOURS + 1),
  };
  const windows = (progress: Parameters<typeof restartStalledBackfill>[0]) =>
    restartStalledBackfill(progress, now).map((m) => [m.lane, m.from, m.to]);

  it('re-plans only the chunks that never finished once the backfill has been quiet for the stall period', () => {
    expect(windows(requested)).toEqual([
      ['backfill', '2026-10-01', '2026-10-30'],
      ['backfill', '2026-09-01', '2026-09-30'],
    ]);
  });

  it('restarts a backfill that never ran at all, counting from its request', () => {
    expect(windows({ ...requested, doneWindows: [], lastRunAt: null })).toHaveLength(3);
    expect(
      windows({ ...requested, doneWindows: [], lastRunAt: null, requestedAt: hoursAgo(BACKFILL_STALL_HOURS - 1).toISOString() }),
    ).toEqual([]);
  });

  it('leaves alone a backfill with recent activity, a finished one and an account that never asked for one', () => {
    expect(windows({ ...requested, lastRunAt: hoursAgo(BACKFILL_STALL_HOURS - 1) })).toEqual([]);
    const allDone = backfillWindow('meta', 'UTC', now, 90);
    const chunks = planBackfill(requested, allDone, now).map(({ from, to }) => ({ from, to }));
    expect(windows({ ...requested, ...allDone, doneWindows: chunks })).toEqual([]);
    const { requestedAt: _, ...neverRequested } = requested;
    expect(windows(neverRequested)).toEqual([]);
  });
});
