import { describe, expect, it } from 'vitest';
import { coalesceEvents, parseSince, planResume } from './events';

describe('planResume', () => {
  const cases: Array<[string, number | null, { oldest: number | null; newest: number }, ReturnType<typeof planResume>]> = [
    ['a fresh connection replays nothing', null, { oldest: 1, newest: 9 }, { kind: 'none' }],
    ['an up-to-date client replays nothing', 9, { oldest: 1, newest: 9 }, { kind: 'none' }],
    ['a client that missed events inside the log replays them', 4, { oldest: 1, newest: 9 }, { kind: 'replay', after: 4 }],
    ['a client exactly one before the oldest kept event replays from it', 4, { oldest: 5, newest: 9 }, { kind: 'replay', after: 4 }],
    ['a client older than the log reloads', 3, { oldest: 5, newest: 9 }, { kind: 'reload' }],
    ['a client ahead of the hub (after a hub reset) replays nothing', 12, { oldest: null, newest: 0 }, { kind: 'none' }],
    ['a client that saw events of a log now empty reloads', 2, { oldest: null, newest: 5 }, { kind: 'reload' }],
  ];
  for (const [name, since, log, expected] of cases) {
    it(name, () => {
      expect(planResume(since, log)).toEqual(expected);
    });
  }
});

describe('coalesceEvents', () => {
  it('merges a burst of metrics updates into one covering every account, platform and date', () => {
    const merged = coalesceEvents([
      { type: 'metrics-updated', adAccountIds: ['b'], platforms: ['meta'], from: '2026-11-10', to: '2026-11-12', dataVersion: 3 },
      { type: 'sync-progress', adAccountId: 'b', windowsDone: 1, windowsTotal: 4, rows: 10 },
      {
        type: 'metrics-updated',
        adAccountIds: ['a', 'b'],
        platforms: ['google_ads', 'meta'],
        from: '2026-11-01',
        to: '2026-11-11',
        dataVersion: 5,
      },
    ]);
    expect(merged).toEqual([
      {
        type: 'metrics-updated',
        adAccountIds: ['a', 'b'],
        platforms: ['google_ads', 'meta'],
        from: '2026-11-01',
        to: '2026-11-12',
        dataVersion: 5,
      },
      { type: 'sync-progress', adAccountId: 'b', windowsDone: 1, windowsTotal: 4, rows: 10 },
    ]);
  });
});

describe('parseSince', () => {
  it('accepts non-negative integers and ignores anything else', () => {
    expect(parseSince('42')).toBe(42);
    expect(parseSince('0')).toBe(0);
    expect(parseSince(null)).toBeNull();
    expect(parseSince('-1')).toBeNull();
    expect(parseSince('1e3')).toBeNull();
  });
});
