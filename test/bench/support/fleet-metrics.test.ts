import { describe, expect, it } from 'vitest';
import {
  type AccountRecord,
  type FleetSummary,
  formatLastLine,
  laneRows,
  naiveWindows,
  type PlatformCalls,
  type RunRecord,
  slotOutcomes,
  summarize,
} from './fleet-metrics';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const MIN = 60_000;
const accounts: AccountRecord[] = [
  { adAccountId: 'a', externalId: 'ext-a', platform: 'meta', connectedMs: T0 },
  { adAccountId: 'b', externalId: 'ext-b', platform: 'meta', connectedMs: T0 },
];
const run = (adAccountId: string, startMin: number, endMin: number, outcome = 'ok', lane: RunRecord['lane'] = 'hot'): RunRecord => ({
  adAccountId,
  platform: 'meta',
  lane,
  startedMs: T0 + startMin * MIN,
  finishedMs: T0 + endMin * MIN,
  outcome,
  apiCalls: 2,
  rows: 10,
  windowFrom: '2026-10-31',
  windowTo: '2026-11-01',
});
const END = T0 + 45 * MIN; // slots at 15, 30, 45

describe('slotOutcomes', () => {
  it('counts only the slots the schedule fired, for an account connected before the start', () => {
    const early = [{ ...accounts[0]!, connectedMs: T0 - 120 * MIN }];
    const outcomes = slotOutcomes(early, [run('a', 15, 16)], new Map(), { startMs: T0, endMs: T0 + 15 * MIN });
    expect(outcomes.map((o) => (o.slotMs - T0) / MIN)).toEqual([15]);
  });

  it('lands each slot with the first ok hot run that started at or after it', () => {
    const runs = [run('a', 15, 16), run('a', 30, 31, 'rate_limited'), run('a', 40, 41), run('a', 45, 46)];
    const outcomes = slotOutcomes(accounts.slice(0, 1), runs, new Map(), { startMs: T0, endMs: END });
    expect(outcomes.map((o) => [(o.slotMs - T0) / MIN, o.landedMs === null ? null : (o.landedMs - T0) / MIN])).toEqual([
      [15, 16],
      [30, 41],
      [45, 46],
    ]);
  });

  it('ignores a run that started before the slot, and marks slots the account was throttled in', () => {
    const runs = [run('b', 14, 20)];
    const throttled = new Map([['ext-b', [T0 + 16 * MIN]]]);
    const [first, ...rest] = slotOutcomes(accounts.slice(1), runs, throttled, { startMs: T0, endMs: END });
    expect(first).toMatchObject({ landedMs: null, selfThrottled: true });
    expect(rest.every((o) => o.landedMs === null)).toBe(true);
  });
});

describe('summarize', () => {
  const calls = new Map<'meta', PlatformCalls>([['meta', { calls: 40, throttled: 1, faulted: 4, naive: 1000 }]]);
  const rows = { lost: 0, duplicate: 0, stale: 3, truthRows: 500 };

  it('counts first-run and eventual success over the due slots, lag in simulated minutes, and call figures', () => {
    // a: every slot lands at once; b: slot 15 lands at 31 (second run), 30 at 31, 45 never.
    const runs = [run('a', 15, 16), run('a', 30, 31), run('a', 45, 47), run('b', 29, 29.5, 'transient'), run('b', 30, 31)];
    const summary = summarize(slotOutcomes(accounts, runs, new Map(), { startMs: T0, endMs: END }), calls, rows, END);
    expect(summary.firstRunSuccessPct).toBeCloseTo((4 / 6) * 100, 6);
    expect(summary.eventualSuccessPct).toBeCloseTo((5 / 6) * 100, 6);
    expect(summary.maxHotLagMin).toBe(16);
    expect(summary.callReductionPct).toBeCloseTo(96, 6);
    expect(summary.selfInflictedThrottlesPct).toBeCloseTo(2.5, 6);
    expect(summary.staleRows).toBe(3);
    // b's slot at 15 landed a slot late without b being throttled.
    expect(summary.maxCrossAccountDelaySlots).toBe(1);
  });

  it('leaves an account’s own throttled slots out of the cross-account delay', () => {
    const runs = [run('a', 15, 16), run('a', 30, 31), run('a', 45, 46), run('b', 45, 46)];
    const throttled = new Map([['ext-b', [T0 + 20 * MIN, T0 + 35 * MIN]]]);
    expect(
      summarize(slotOutcomes(accounts, runs, throttled, { startMs: T0, endMs: END }), calls, rows, END).maxCrossAccountDelaySlots,
    ).toBe(0);
    expect(
      summarize(slotOutcomes(accounts, runs, new Map(), { startMs: T0, endMs: END }), calls, rows, END).maxCrossAccountDelaySlots,
    ).toBe(2);
  });
});

describe('laneRows', () => {
  it('gives one row per platform and lane that ran, with outcome counts, calls and rows', () => {
    const runs = [run('a', 15, 16), run('a', 1, 2, 'transient', 'backfill'), run('a', 3, 4, 'ok', 'backfill')];
    const rows = laneRows(runs, slotOutcomes(accounts.slice(0, 1), runs, new Map(), { startMs: T0, endMs: END }), ['meta']);
    expect(rows.map((r) => [r.lane, r.runs, r.ok, r.transient, r.apiCalls, r.rows])).toEqual([
      ['hot', 1, 1, 0, 2, 10],
      ['backfill', 2, 1, 1, 4, 20],
    ]);
    expect(rows[0]!.slots).toEqual({ due: 3, firstRun: 1, eventual: 1, maxLagMin: 1, worstSlotMs: T0 + 15 * MIN });
  });
});

describe('formatLastLine', () => {
  const summary: FleetSummary = {
    firstRunSuccessPct: 99.76,
    eventualSuccessPct: 100,
    lostRows: 0,
    duplicateRows: 0,
    staleRows: 12,
    callReductionPct: 96.19,
    selfInflictedThrottlesPct: 0.31,
    maxHotLagMin: 15,
    maxCrossAccountDelaySlots: 0,
  };

  it('prints the issue’s fixed form, rounding successes down and costs up', () => {
    expect(formatLastLine(summary)).toBe(
      'sync-bench first_run_success=99.7% eventual_success=100% lost_rows=0 duplicate_rows=0 call_reduction=96.1% self_inflicted_throttles=0.4% max_hot_lag_min=15',
    );
  });

  it('never prints 100% for a success just short of it', () => {
    expect(formatLastLine({ ...summary, eventualSuccessPct: 99.99 })).toContain('eventual_success=99.9%');
  });
});

describe('naiveWindows', () => {
  it('counts one naive read per landed hot slot and one per distinct other window, continuations once', () => {
    const backfill = { ...run('a', 1, 2, 'ok', 'backfill'), windowFrom: '2026-09-01', windowTo: '2026-09-30' };
    const runs = [run('a', 15, 16), run('a', 30, 31), backfill, { ...backfill, startedMs: backfill.startedMs + MIN }];
    const windows = naiveWindows(slotOutcomes(accounts.slice(0, 1), runs, new Map(), { startMs: T0, endMs: END }), runs);
    expect(windows).toEqual([
      { adAccountId: 'a', from: '2026-10-31', to: '2026-11-01', times: 2 },
      { adAccountId: 'a', from: '2026-09-01', to: '2026-09-30', times: 1 },
    ]);
  });
});
