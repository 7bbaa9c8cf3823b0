/**
 * What a stored budget row means right now, for the pipeline-health view: the raw rows of
 * BudgetStore.snapshot() (`{ key, bucket, breaker }`) plus the bucket's policy and the clock give
 * capacity, tokens left, utilization, blocks, the breaker and when the next call may go out. Pure.
 */
import { z } from 'zod';
import { type BreakerPolicy, breakerAllows, DEFAULT_BREAKER } from './breaker';
import { type BucketPolicy, takeTokens } from './budget';

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
  /** The ad account (TenantHub) or platform (PlatformQuota) the budget belongs to: the key before any ':'. */
  owner: string;
  /** The key's scope after ':' (e.g. `ads_insights`), null for a key without one. */
  scope: string | null;
  /** Calls the bucket admits per hour at its sustained rate. */
  capacityPerHour: number;
  /** Burst size. */
  capacity: number;
  /** Whole tokens in the bucket now (negative while a debt of extra calls is paid back). */
  tokensLeft: number;
  /** Share of the burst in use now, 0–100; 100 while blocked. */
  utilizationPct: number;
  /** ISO time before which the platform's own signal blocks calls; null when not blocked. */
  blockedUntil: string | null;
  breaker: BreakerView;
  /** ISO time of the next call the gates would admit (now when one would go out now). */
  nextAllowedAt: string;
}

const bucketSchema = z.object({ tokens: z.number(), updatedAt: z.number(), blockedUntil: z.number() });
const breakerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('closed'), failures: z.number() }),
  z.object({ status: z.literal('open'), openedAt: z.number() }),
  z.object({ status: z.literal('half_open'), openedAt: z.number().optional(), probeAt: z.number().optional() }),
]);

/** `<owner>` or `<owner>:<scope>`. */
export function parseBudgetKey(key: string): { owner: string; scope: string | null } {
  const at = key.indexOf(':');
  return at < 0 ? { owner: key, scope: null } : { owner: key.slice(0, at), scope: key.slice(at + 1) };
}

function viewBreaker(raw: z.infer<typeof breakerSchema>, now: number, policy: BreakerPolicy): BreakerView {
  if (raw.status === 'closed') return { state: 'closed', failures: raw.failures, until: null };
  if (raw.status === 'open') return { state: 'open', until: new Date(raw.openedAt + policy.coolDownMs).toISOString() };
  const probeAt = raw.probeAt ?? now - policy.probeTimeoutMs;
  return { state: 'half_open', until: new Date(probeAt + policy.probeTimeoutMs).toISOString() };
}

/**
 * The view of one stored row under `policy` at `now` (epoch ms), or null when the row is not a
 * budget this code can read (a shape from another version).
 */
export function viewBudget(row: StoredBudgetRow, policy: BucketPolicy, now: number, breakerPolicy = DEFAULT_BREAKER): BudgetView | null {
  const bucket = bucketSchema.safeParse(row.bucket);
  const breaker = breakerSchema.safeParse(row.breaker);
  if (!bucket.success || !breaker.success) return null;
  // The same maths the gates run, on copies: what an admission would answer now.
  const grant = takeTokens(bucket.data, policy, now);
  const gate = breakerAllows(breaker.data as Parameters<typeof breakerAllows>[0], now, breakerPolicy);
  const waitMs = Math.max(grant.granted ? 0 : grant.retryAfterMs, gate.allowed ? 0 : gate.retryAfterMs);
  const tokens = grant.state.tokens + (grant.granted ? 1 : 0);
  const blocked = grant.state.blockedUntil > now;
  const used = policy.capacity > 0 ? ((policy.capacity - Math.max(0, tokens)) / policy.capacity) * 100 : 100;
  return {
    key: row.key,
    ...parseBudgetKey(row.key),
    capacityPerHour: Math.round(policy.refillPerSecond * 3600),
    capacity: policy.capacity,
    tokensLeft: Math.floor(tokens),
    utilizationPct: blocked ? 100 : Math.min(100, Math.max(0, Math.round(used))),
    blockedUntil: blocked ? new Date(grant.state.blockedUntil).toISOString() : null,
    breaker: viewBreaker(breaker.data, now, breakerPolicy),
    nextAllowedAt: new Date(now + waitMs).toISOString(),
  };
}

/** The views of all rows whose policy `policyOf` knows (by the parsed key), in key order. */
export function viewBudgets(
  rows: StoredBudgetRow[],
  policyOf: (key: { owner: string; scope: string | null }) => BucketPolicy | undefined,
  now: number,
): BudgetView[] {
  return rows.flatMap((row) => {
    const policy = policyOf(parseBudgetKey(row.key));
    const view = policy ? viewBudget(row, policy, now) : null;
    return view ? [view] : [];
  });
}
