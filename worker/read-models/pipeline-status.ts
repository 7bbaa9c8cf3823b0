/**
 * The pipeline-health figures that are arithmetic, not I/O: lag behind the 15-minute target,
 * calls per hour over the last day, and one status per ad account. Pure, with table tests beside.
 */
import type { DeferralReason } from '../../db/schema/enum-values';
import type { BreakerView } from '../realtime/budget-view';

/** The hot lane syncs every account every 15 minutes: the freshness the pipeline promises. */
export const LAG_TARGET_MINUTES = 15;
/** One missed slot is tolerated (a sync in flight, a deferral); two are "lagging". */
export const LAGGING_AFTER_MINUTES = 2 * LAG_TARGET_MINUTES;
/** Consecutive transient or auth failures since the last ok run that make an account "failing". */
export const FAILING_AFTER_FAILURES = 3;
export const HOURS_SHOWN = 24;

/** Worst first: the order the agency view and the tables sort by. */
export const PIPELINE_STATUSES = ['needs_reauth', 'failing', 'breaker_open', 'throttled', 'lagging', 'healthy', 'disabled'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

export interface Lag {
  /** Minutes since the account's data last landed; null when it never did or when lag is not measured. */
  minutes: number | null;
  /** Minutes beyond the 15-minute target (0 when within it); null with `minutes`. */
  behindTargetMinutes: number | null;
}

/** Lag of data that last landed at `lastSyncedAt`. */
export function lagOf(lastSyncedAt: Date | null, now: Date): Lag {
  if (!lastSyncedAt) return { minutes: null, behindTargetMinutes: null };
  const minutes = Math.max(0, Math.floor((now.getTime() - lastSyncedAt.getTime()) / 60_000));
  return { minutes, behindTargetMinutes: Math.max(0, minutes - LAG_TARGET_MINUTES) };
}

export interface HourCalls {
  /** Start of the hour, ISO (UTC). */
  hour: string;
  apiCalls: number;
}

/** The last `HOURS_SHOWN` hours up to the current one, oldest first, with the calls made in each (0 when none). */
export function hourlyBuckets(rows: ReadonlyArray<{ hour: Date; apiCalls: number }>, now: Date): HourCalls[] {
  const current = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const byHour = new Map<number, number>();
  for (const row of rows) {
    const hour = Math.floor(row.hour.getTime() / 3_600_000) * 3_600_000;
    byHour.set(hour, (byHour.get(hour) ?? 0) + row.apiCalls);
  }
  return Array.from({ length: HOURS_SHOWN }, (_, i) => {
    const hour = current - (HOURS_SHOWN - 1 - i) * 3_600_000;
    return { hour: new Date(hour).toISOString(), apiCalls: byHour.get(hour) ?? 0 };
  });
}

export interface StatusFacts {
  enabled: boolean;
  connectionStatus: 'active' | 'needs_reauth' | 'revoked' | null;
  /** The platform refuses the account for good (worker/connections/sync-state.ts). */
  permanentlyFailing: boolean;
  failuresSinceOk: number;
  breaker: BreakerView['state'] | null;
  /** When the gates admit the next call (null without a stored budget). */
  nextAllowedAt: Date | null;
  lastOutcome: string | null;
  lag: Lag;
}

/** The one word an account's card leads with, roughly the first of PIPELINE_STATUSES that holds (see the breaker note). */
export function pipelineStatus(facts: StatusFacts, now: Date): PipelineStatus {
  if (!facts.enabled) return 'disabled';
  if (facts.connectionStatus !== 'active') return 'needs_reauth';
  if (facts.permanentlyFailing) return 'failing';
  // An open breaker says more than the failures that opened it: calls are held until its cool-down ends.
  if (facts.breaker === 'open' || facts.breaker === 'half_open') return 'breaker_open';
  if (facts.failuresSinceOk >= FAILING_AFTER_FAILURES) return 'failing';
  if ((facts.nextAllowedAt && facts.nextAllowedAt > now) || facts.lastOutcome === 'rate_limited') return 'throttled';
  if (facts.lag.minutes === null || facts.lag.minutes > LAGGING_AFTER_MINUTES) return 'lagging';
  return 'healthy';
}

/** Lag is measured only where waiting would bring data: an account that is failing, disabled or cut off is not "late". */
export function measuredLag(status: PipelineStatus, lag: Lag): Lag {
  return status === 'failing' || status === 'disabled' || status === 'needs_reauth' ? { minutes: null, behindTargetMinutes: null } : lag;
}

export const statusRank = (status: PipelineStatus): number => PIPELINE_STATUSES.indexOf(status);

/** Worst status first, then the longest lag, then by name: the order of every list of accounts. */
export function worstFirst<T extends { status: PipelineStatus; lag: Lag; name: string }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => statusRank(a.status) - statusRank(b.status) || (b.lag.minutes ?? -1) - (a.lag.minutes ?? -1) || a.name.localeCompare(b.name),
  );
}

export interface Deferrals {
  /** Deferrals in the last `HOURS_SHOWN` hours. */
  count: number;
  byReason: Record<DeferralReason, number>;
  lastAt: string | null;
}

/** Sums deferral counts per reason. */
export function sumDeferrals(rows: ReadonlyArray<{ reason: DeferralReason; count: number; lastAt: Date }>): Deferrals {
  const byReason: Record<DeferralReason, number> = { budget: 0, breaker: 0, quota: 0 };
  let lastAt: Date | null = null;
  for (const row of rows) {
    byReason[row.reason] += row.count;
    if (!lastAt || row.lastAt > lastAt) lastAt = row.lastAt;
  }
  return { count: byReason.budget + byReason.breaker + byReason.quota, byReason, lastAt: lastAt?.toISOString() ?? null };
}

/** Accounts per status, every status present (0 when none). */
export function countByStatus(statuses: readonly PipelineStatus[]): Record<PipelineStatus, number> {
  const counts = Object.fromEntries(PIPELINE_STATUSES.map((s) => [s, 0])) as Record<PipelineStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}
