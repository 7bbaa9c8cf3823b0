/**
 * The fleet benchmark's figures, computed from plain records: the sync runs the pipeline wrote to
 * Postgres, the calls the fakes recorded, and the row comparison against the fakes' ground truth.
 */
import type { Platform } from '../../../db/schema/enum-values';
import { SLOT_MS } from './fleet-options';
import { dueSlots } from './fleet-slots';

export type Lane = 'hot' | 'settling' | 'backfill' | 'manual';

export interface RunRecord {
  adAccountId: string;
  platform: Platform;
  lane: Lane;
  startedMs: number;
  finishedMs: number;
  outcome: string;
  apiCalls: number;
  rows: number;
  windowFrom: string;
  windowTo: string;
}

export interface AccountRecord {
  adAccountId: string;
  externalId: string;
  platform: Platform;
  /** Simulated instant the connect completed. */
  connectedMs: number;
}

/** The fakes' counters per platform: our pipeline's calls, and of those the ones answered with a throttle. */
export interface PlatformCalls {
  calls: number;
  throttled: number;
  /** Injected transient faults (5xx, timeouts, truncated bodies) the fake answered with. */
  faulted: number;
  /** Calls the naive per-campaign, per-day connector made over the same windows. */
  naive: number;
}

export interface RowCheck {
  /** Ground-truth rows (ad x day) with no stored row. */
  lost: number;
  /** Keys stored more than once, plus stored rows the ground truth does not have. */
  duplicate: number;
  /** Stored rows whose figures differ from the truth at the end (restated after their last sync). */
  stale: number;
  truthRows: number;
  /** Where rows were lost: per account, the number and the first and last day missing. */
  lostIn?: Array<{ platform: string; adAccountId: string; lost: number; firstDay: string; lastDay: string }>;
}

export interface SlotOutcome {
  adAccountId: string;
  platform: Platform;
  slotMs: number;
  /** When the first successful hot run that started at or after the slot finished; null if none did. */
  landedMs: number | null;
  /** The window that run read. */
  landedWindow: { from: string; to: string } | null;
  /** Whether the account itself got a throttle answer between the slot and its landing. */
  selfThrottled: boolean;
}

/**
 * Each hot slot the schedule fired while an account was connected, and when its data landed: the first `ok` hot run that
 * started at or after the slot (a run that started earlier read an older window).
 */
export function slotOutcomes(
  accounts: readonly AccountRecord[],
  runs: readonly RunRecord[],
  throttledAt: ReadonlyMap<string, readonly number[]>,
  schedule: { startMs: number; endMs: number },
): SlotOutcome[] {
  const { startMs, endMs } = schedule;
  const okHot = new Map<string, RunRecord[]>();
  for (const run of runs) {
    if (run.lane !== 'hot' || run.outcome !== 'ok') continue;
    const list = okHot.get(run.adAccountId) ?? [];
    list.push(run);
    okHot.set(run.adAccountId, list);
  }
  const outcomes: SlotOutcome[] = [];
  for (const account of accounts) {
    const own = (okHot.get(account.adAccountId) ?? []).sort((a, b) => a.startedMs - b.startedMs);
    const throttles = throttledAt.get(account.externalId) ?? [];
    // Only slots the schedule fired: an account connected before the start is due from the first one.
    for (const slotMs of dueSlots(Math.max(account.connectedMs, startMs), endMs)) {
      const landing = own
        .filter((r) => r.startedMs >= slotMs)
        .reduce<RunRecord | null>((first, r) => (first === null || r.finishedMs < first.finishedMs ? r : first), null);
      const until = landing?.finishedMs ?? endMs;
      outcomes.push({
        adAccountId: account.adAccountId,
        platform: account.platform,
        slotMs,
        landedMs: landing?.finishedMs ?? null,
        landedWindow: landing ? { from: landing.windowFrom, to: landing.windowTo } : null,
        selfThrottled: throttles.some((t) => t >= slotMs && t <= until),
      });
    }
  }
  return outcomes;
}

export interface NaiveWindow {
  adAccountId: string;
  from: string;
  to: string;
  /** How many syncs of ours read this window: the naive connector's calls for it count this many times. */
  times: number;
}

/**
 * The windows a naive connector would have read for the same work: one per hot slot that landed
 * (the window of the run that landed it) and one per distinct settling, backfill or manual window
 * that succeeded (continuations of one window count once).
 */
export function naiveWindows(slots: readonly SlotOutcome[], runs: readonly RunRecord[]): NaiveWindow[] {
  const windows = new Map<string, NaiveWindow>();
  const add = (adAccountId: string, from: string, to: string, distinctBy: string) => {
    const key = `${adAccountId}|${from}|${to}`;
    const seen = windows.get(key) ?? { adAccountId, from, to, times: 0 };
    windows.set(key, seen);
    if (!seenKeys.has(distinctBy)) {
      seenKeys.add(distinctBy);
      seen.times += 1;
    }
  };
  const seenKeys = new Set<string>();
  for (const slot of slots) {
    if (slot.landedWindow) add(slot.adAccountId, slot.landedWindow.from, slot.landedWindow.to, `hot|${slot.adAccountId}|${slot.slotMs}`);
  }
  for (const run of runs) {
    if (run.lane === 'hot' || run.outcome !== 'ok') continue;
    add(run.adAccountId, run.windowFrom, run.windowTo, `${run.lane}|${run.adAccountId}|${run.windowFrom}|${run.windowTo}`);
  }
  return [...windows.values()];
}

export interface LaneRow {
  platform: Platform;
  lane: Lane;
  runs: number;
  ok: number;
  rateLimited: number;
  transient: number;
  otherFailures: number;
  apiCalls: number;
  rows: number;
  /** Hot lane only: slots due, landed by the next slot, landed at all, worst lag in simulated minutes. */
  slots?: { due: number; firstRun: number; eventual: number; maxLagMin: number; worstSlotMs: number | null };
}

const LANES: readonly Lane[] = ['hot', 'settling', 'backfill', 'manual'];

export function laneRows(runs: readonly RunRecord[], slots: readonly SlotOutcome[], platforms: readonly Platform[]): LaneRow[] {
  const rows: LaneRow[] = [];
  for (const platform of platforms) {
    for (const lane of LANES) {
      const own = runs.filter((r) => r.platform === platform && r.lane === lane);
      if (own.length === 0 && lane !== 'hot') continue;
      const count = (outcome: string) => own.filter((r) => r.outcome === outcome).length;
      const row: LaneRow = {
        platform,
        lane,
        runs: own.length,
        ok: count('ok'),
        rateLimited: count('rate_limited'),
        transient: count('transient'),
        otherFailures: own.filter((r) => !['ok', 'rate_limited', 'transient'].includes(r.outcome)).length,
        apiCalls: own.reduce((sum, r) => sum + r.apiCalls, 0),
        rows: own.reduce((sum, r) => sum + r.rows, 0),
      };
      if (lane === 'hot') row.slots = slotFigures(slots.filter((s) => s.platform === platform));
      rows.push(row);
    }
  }
  return rows;
}

function slotFigures(slots: readonly SlotOutcome[]) {
  const landed = slots.filter((s) => s.landedMs !== null);
  return {
    due: slots.length,
    firstRun: landed.filter((s) => s.landedMs! - s.slotMs < SLOT_MS).length,
    eventual: landed.length,
    maxLagMin: landed.reduce((max, s) => Math.max(max, Math.ceil((s.landedMs! - s.slotMs) / 60_000)), 0),
    /** The slot that waited longest (null when none landed), to find what stalled it. */
    worstSlotMs:
      landed.reduce<SlotOutcome | null>(
        (worst, s) => (worst === null || s.landedMs! - s.slotMs > worst.landedMs! - worst.slotMs ? s : worst),
        null,
      )?.slotMs ?? null,
  };
}

export interface FleetSummary {
  firstRunSuccessPct: number;
  eventualSuccessPct: number;
  lostRows: number;
  duplicateRows: number;
  staleRows: number;
  callReductionPct: number;
  selfInflictedThrottlesPct: number;
  maxHotLagMin: number;
  /**
   * The worst delay, in whole slots after its own, of an account's hot data in a slot where that
   * account was not throttled itself: what other accounts' throttling cost it.
   */
  maxCrossAccountDelaySlots: number;
}

const pct = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole);

export function summarize(
  slots: readonly SlotOutcome[],
  calls: ReadonlyMap<Platform, PlatformCalls>,
  rows: RowCheck,
  endMs: number,
): FleetSummary {
  const landed = slots.filter((s) => s.landedMs !== null);
  const totals = [...calls.values()].reduce(
    (sum, c) => ({ calls: sum.calls + c.calls, throttled: sum.throttled + c.throttled, naive: sum.naive + c.naive }),
    { calls: 0, throttled: 0, naive: 0 },
  );
  const delays = slots.filter((s) => !s.selfThrottled).map((s) => Math.floor(((s.landedMs ?? endMs) - s.slotMs) / SLOT_MS));
  return {
    firstRunSuccessPct: pct(landed.filter((s) => s.landedMs! - s.slotMs < SLOT_MS).length, slots.length),
    eventualSuccessPct: pct(landed.length, slots.length),
    lostRows: rows.lost,
    duplicateRows: rows.duplicate,
    staleRows: rows.stale,
    callReductionPct: totals.naive === 0 ? 0 : 100 * (1 - totals.calls / totals.naive),
    selfInflictedThrottlesPct: pct(totals.throttled, totals.calls),
    maxHotLagMin: landed.reduce((max, s) => Math.max(max, Math.ceil((s.landedMs! - s.slotMs) / 60_000)), 0),
    maxCrossAccountDelaySlots: delays.reduce((max, d) => Math.max(max, d), 0),
  };
}

/** Success figures are rounded down and costs up, so a printed figure never flatters the pipeline. */
const down = (value: number) => (value >= 100 ? '100' : (Math.floor(value * 10) / 10).toFixed(1));
const up = (value: number) => (Math.ceil(value * 10) / 10).toFixed(1);

/** The benchmark's last line, in the fixed form. */
export function formatLastLine(summary: FleetSummary): string {
  return [
    'sync-bench',
    `first_run_success=${down(summary.firstRunSuccessPct)}%`,
    `eventual_success=${down(summary.eventualSuccessPct)}%`,
    `lost_rows=${summary.lostRows}`,
    `duplicate_rows=${summary.duplicateRows}`,
    `call_reduction=${down(summary.callReductionPct)}%`,
    `self_inflicted_throttles=${up(summary.selfInflictedThrottlesPct)}%`,
    `max_hot_lag_min=${summary.maxHotLagMin}`,
  ].join(' ');
}
