import { type BreakerOutcome, type BreakerState, breakerAllows, breakerRecord, CLOSED } from './breaker';
import { applyThrottle, applyUsage, type BucketPolicy, chargeExtraCalls, freshBucket, takeTokens, type UsageReading } from './budget';

type Sql = <T = Record<string, string | number | boolean | null>>(
  strings: TemplateStringsArray,
  ...values: (string | number | boolean | null)[]
) => T[];

/** Verdict for one call: go, or retry after a computed delay (no call is spent). */
export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number; reason: 'budget' | 'breaker' };

/** What a sync reports back after talking to the platform. */
export interface CallReport {
  /**
   * 'rate_limited' blocks this budget for the hint; 'inconclusive' (a throttle on another scope,
   * no platform call made) says nothing about the platform's health and only releases a probe.
   */
  outcome: 'success' | 'rate_limited' | 'failure' | 'inconclusive';
  usage: UsageReading[];
  /** API calls the sync actually made; admission took one token, the rest are charged here. */
  calls?: number;
  /** The platform's retry hint after a throttle. */
  retryAfterMs?: number | null;
}

/** A throttle is not a failure (the platform answered); it only releases a half-open probe. */
const BREAKER_OUTCOME: Record<CallReport['outcome'], BreakerOutcome> = {
  success: 'success',
  failure: 'failure',
  rate_limited: 'neutral',
  inconclusive: 'neutral',
};

/** Fallback block when a throttle came without a hint (LinkedIn sends none). */
export const UNHINTED_THROTTLE_MS = 5 * 60_000;

/**
 * Budgets and breakers kept in a Durable Object's SQLite, keyed by ad account (TenantHub)
 * or by app credential (PlatformQuota). The maths lives in budget.ts and breaker.ts.
 */
export class BudgetStore {
  constructor(private readonly sql: Sql) {
    sql`CREATE TABLE IF NOT EXISTS budgets (key TEXT PRIMARY KEY, bucket TEXT NOT NULL, breaker TEXT NOT NULL)`;
  }

  admit(key: string, policy: BucketPolicy, now: number): Admission {
    const { bucket, breaker } = this.#load(key, policy, now);
    const gate = breakerAllows(breaker, now);
    if (!gate.allowed) {
      this.#save(key, bucket, gate.state);
      return { admitted: false, retryAfterMs: gate.retryAfterMs, reason: 'breaker' };
    }
    const grant = takeTokens(bucket, policy, now);
    // A refused call is no probe: only a granted one may take the half-open slot.
    this.#save(key, grant.state, grant.granted ? gate.state : breaker);
    return grant.granted ? { admitted: true } : { admitted: false, retryAfterMs: grant.retryAfterMs, reason: 'budget' };
  }

  /** Gives back an admission that was never used (a later gate refused the call): its token and its probe slot. */
  release(key: string, policy: BucketPolicy, now: number): void {
    const { bucket, breaker } = this.#load(key, policy, now);
    this.#save(key, { ...bucket, tokens: Math.min(policy.capacity, bucket.tokens + 1) }, breakerRecord(breaker, 'neutral', now));
  }

  report(key: string, policy: BucketPolicy, report: CallReport, now: number): void {
    const loaded = this.#load(key, policy, now);
    let bucket = chargeExtraCalls(loaded.bucket, (report.calls ?? 1) - 1);
    bucket = applyUsage(bucket, report.usage, now);
    if (report.outcome === 'rate_limited') bucket = applyThrottle(bucket, report.retryAfterMs ?? UNHINTED_THROTTLE_MS, now);
    const breaker = breakerRecord(loaded.breaker, BREAKER_OUTCOME[report.outcome], now);
    this.#save(key, bucket, breaker);
  }

  snapshot(): Array<{ key: string; bucket: unknown; breaker: unknown }> {
    return this.sql<{ key: string; bucket: string; breaker: string }>`SELECT key, bucket, breaker FROM budgets ORDER BY key`.map((r) => ({
      key: r.key,
      bucket: JSON.parse(r.bucket),
      breaker: JSON.parse(r.breaker),
    }));
  }

  #load(key: string, policy: BucketPolicy, now: number) {
    const [row] = this.sql<{ bucket: string; breaker: string }>`SELECT bucket, breaker FROM budgets WHERE key = ${key}`;
    return row
      ? { bucket: JSON.parse(row.bucket) as ReturnType<typeof freshBucket>, breaker: JSON.parse(row.breaker) as BreakerState }
      : { bucket: freshBucket(policy, now), breaker: CLOSED };
  }

  #save(key: string, bucket: unknown, breaker: unknown): void {
    this.sql`INSERT INTO budgets (key, bucket, breaker) VALUES (${key}, ${JSON.stringify(bucket)}, ${JSON.stringify(breaker)})
      ON CONFLICT(key) DO UPDATE SET bucket = excluded.bucket, breaker = excluded.breaker`;
  }
}
