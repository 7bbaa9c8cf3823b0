/**
 * What a stored budget row means right now, for the pipeline-health view: the raw rows of
 * BudgetStore.snapshot() (`{ key, bucket, breaker }`) plus the scope's policy and the clock give
 * capacity, what is left, utilization, blocks, the breaker and when each lane's next call may go out.
 * The same maths the gates run (budget-scope.ts), on copies. Pure.
 */
import { z } from 'zod';
import { SYNC_LANES, type SyncLane } from '../../db/schema/enum-values';
import { type BreakerPolicy, breakerAllows, DEFAULT_BREAKER } from './breaker';
import { type BudgetKey, parseBudgetKey } from './budget-keys';
import { laneWaitMs, type ScopePolicy, type ScopeState, scopeLevel } from './budget-scope';

/** One row as BudgetStore.snapshot() returns it. */
export interface StoredBudgetRow {
  key: string;
  bucket: unknown;
  breaker: unknown;
}

export type BreakerView =
  | { state: 'closed'; failures: number; until: null }
  | { state: 'open'; until: string }
  /** A probe is out (or may go out now when `until` has passed). */
  | { state: 'half_open'; until: string };

export interface BudgetView {
  key: string;
  /** The ad account, platform (app quota) or member the budget belongs to. */
  owner: string;
  /** `account`, a Meta use case (`ads_insights`, `ads_management`), `app` or `member`. */
  scope: string;
  /** The most calls the scope admits in an hour (a day's limit spread over 24 hours); null for a gate, which has no count. */
  capacityPerHour: number | null;
  /** The scope's own size: a bucket's burst, a window's or a day's limit; null when unknown (a gate, an unlearnt day). */
  capacity: number | null;
  /** What is left of `capacity` now (negative while a debt of extra calls is paid back); null when unknown. */
  tokensLeft: number | null;
  /** Share of `capacity` in use now, 0–100; 100 while blocked. */
  utilizationPct: number;
  /** ISO time before which the platform's own signal blocks calls; null when not blocked. */
  blockedUntil: string | null;
  breaker: BreakerView;
  /** ISO time of the next hot-lane call the gates would admit (now when one would go out now). */
  nextAllowedAt: string;
  /** The same per lane: a scarce scope keeps a reserve that settling and backfill may not spend. */
  nextAllowedByLane: Record<SyncLane, string>;
}

const bucketSchema = z.object({ tokens: z.number(), updatedAt: z.number(), blockedUntil: z.number() });
const kindedSchema = z.object({ kind: z.enum(['gate', 'window', 'day']) }).passthrough();
const breakerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('closed'), failures: z.number() }),
  z.object({ status: z.literal('open'), openedAt: z.number() }),
  z.object({ status: z.literal('half_open'), openedAt: z.number().optional(), probeAt: z.number().optional() }),
]);

/** Whom a key's budget belongs to, for grouping rows per ad account (or app, or member). */
export function budgetOwner(key: BudgetKey): { owner: string; scope: string } {
  switch (key.scope) {
    case 'account':
      return { owner: key.adAccountId, scope: 'account' };
    case 'use_case':
      return { owner: key.adAccountId, scope: key.useCase };
    case 'app':
      return { owner: key.platform, scope: 'app' };
    case 'member':
      return { owner: key.memberId, scope: 'member' };
  }
}

function viewBreaker(raw: z.infer<typeof breakerSchema>, now: number, policy: BreakerPolicy): BreakerView {
  if (raw.status === 'closed') return { state: 'closed', failures: raw.failures, until: null };
  if (raw.status === 'open') return { state: 'open', until: new Date(raw.openedAt + policy.coolDownMs).toISOString() };
  const probeAt = raw.probeAt ?? now - policy.probeTimeoutMs;
  return { state: 'half_open', until: new Date(probeAt + policy.probeTimeoutMs).toISOString() };
}

function perHour(policy: ScopePolicy, capacity: number | null): number | null {
  switch (policy.kind) {
    case 'gate':
      return null;
    case 'window':
      return Math.floor((policy.limit * 3_600_000) / policy.windowMs);
    case 'day':
      return capacity === null ? null : Math.floor(capacity / 24);
    default:
      // A bucket admits its burst plus an hour of refill in any hour.
      return Math.round(policy.capacity + policy.refillPerSecond * 3600);
  }
}

function readState(raw: unknown, policy: ScopePolicy): ScopeState | null {
  if (policy.kind === undefined) return bucketSchema.safeParse(raw).success ? (raw as ScopeState) : null;
  return kindedSchema.safeParse(raw).success ? (raw as ScopeState) : null;
}

/**
 * The view of one stored row under `policy` at `now` (epoch ms), or null when the row is not a
 * budget this code can read (an unknown key or a shape from another version).
 */
export function viewBudget(row: StoredBudgetRow, policy: ScopePolicy, now: number, breakerPolicy = DEFAULT_BREAKER): BudgetView | null {
  const key = parseBudgetKey(row.key);
  const state = readState(row.bucket, policy);
  const breaker = breakerSchema.safeParse(row.breaker);
  if (!key || !state || !breaker.success) return null;
  const level = scopeLevel(state, policy, now);
  const gate = breakerAllows(breaker.data as Parameters<typeof breakerAllows>[0], now, breakerPolicy);
  const breakerWait = gate.allowed ? 0 : gate.retryAfterMs;
  const nextAt = (lane: SyncLane) => new Date(now + Math.max(breakerWait, laneWaitMs(state, policy, now, lane))).toISOString();
  const blocked = level.blockedUntil > now;
  const { capacity, available } = level;
  const used = capacity && available !== null ? ((capacity - Math.max(0, available)) / capacity) * 100 : 0;
  return {
    key: row.key,
    ...budgetOwner(key),
    capacityPerHour: perHour(policy, capacity),
    capacity,
    tokensLeft: available === null ? null : Math.floor(available),
    utilizationPct: blocked ? 100 : Math.min(100, Math.max(0, Math.round(used))),
    blockedUntil: blocked ? new Date(level.blockedUntil).toISOString() : null,
    breaker: viewBreaker(breaker.data, now, breakerPolicy),
    nextAllowedAt: nextAt('hot'),
    nextAllowedByLane: Object.fromEntries(SYNC_LANES.map((lane) => [lane, nextAt(lane)])) as Record<SyncLane, string>,
  };
}

/** The views of all rows whose policy `policyOf` knows (by the row's key), in key order. */
export function viewBudgets(rows: StoredBudgetRow[], policyOf: (key: string) => ScopePolicy | null, now: number): BudgetView[] {
  return rows.flatMap((row) => {
    const policy = policyOf(row.key);
    const view = policy ? viewBudget(row, policy, now) : null;
    return view ? [view] : [];
  });
}
