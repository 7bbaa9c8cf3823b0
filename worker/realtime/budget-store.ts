import type { SyncLane } from '../../db/schema/enum-values';
import { type BreakerOutcome, type BreakerState, breakerAllows, breakerRecord, CLOSED } from './breaker';
import type { UsageReading } from './budget';
import { refundScope, reportScope, type ScopePolicy, type ScopeState, scopeState, takeScope } from './budget-scope';
import type { Demand } from './budget-scopes';

export { UNHINTED_THROTTLE_MS } from './budget-scope';

type Sql = <T = Record<string, string | number | boolean | null>>(
  strings: TemplateStringsArray,
  ...values: (string | number | boolean | null)[]
) => T[];

/**
 * Verdict for one call: go (`skipped`: optional scopes that refused, whose calls the sync leaves
 * out), or retry after a delay (no call is spent). A refusal names the scope that refused and the
 * lane it refused, and `retryAfterMs` is when that lane may go there.
 */
export type Admission =
  | { admitted: true; skipped?: string[] }
  | { admitted: false; retryAfterMs: number; reason: 'budget' | 'breaker'; scope: string; lane: SyncLane };

/** What a sync reports back after talking to the platform. */
export interface CallReport {
  /**
   * 'rate_limited' blocks this budget for the hint; 'inconclusive' (a throttle on another scope,
   * no platform call made) says nothing about the platform's health and only releases a probe.
   */
  outcome: 'success' | 'rate_limited' | 'failure' | 'inconclusive';
  usage: UsageReading[];
  /** API calls the sync actually made in this scope; `reserved` were taken at admission, the rest are charged here. */
  calls?: number;
  /** Calls the admission reserved in this scope (1 unless said). */
  reserved?: number;
  /** The platform's retry hint after a throttle. */
  retryAfterMs?: number | null;
}

/** One scope's share of a sync's report. */
export interface ScopeReport {
  key: string;
  policy: ScopePolicy;
  report: CallReport;
}

/** One stored row as `budgets(now)` returns it: the key (budget-keys.ts), the scope's state, its breaker. */
export interface BudgetRow {
  key: string;
  bucket: ScopeState;
  breaker: BreakerState;
}

/** A throttle is not a failure (the platform answered); it only releases a half-open probe. */
const BREAKER_OUTCOME: Record<CallReport['outcome'], BreakerOutcome> = {
  success: 'success',
  failure: 'failure',
  rate_limited: 'neutral',
  inconclusive: 'neutral',
};

/**
 * Budgets and breakers kept in a Durable Object's SQLite, one row per scope (budget-keys.ts):
 * TenantHub's ad-account scopes, PlatformQuota's app-wide ones. The maths lives in budget*.ts
 * and breaker.ts. Every method is synchronous on the object's storage, so concurrent syncs of one
 * account are served one at a time and can never over-admit.
 */
export class BudgetStore {
  constructor(private readonly sql: Sql) {
    sql`CREATE TABLE IF NOT EXISTS budgets (key TEXT PRIMARY KEY, bucket TEXT NOT NULL, breaker TEXT NOT NULL)`;
  }

  /** One scope, one call, as the hot lane (the breaker is this scope's). */
  admit(key: string, policy: ScopePolicy, now: number, lane: SyncLane = 'hot'): Admission {
    return this.admitAll(lane, [{ key, policy, cost: 1, breaker: true }], now);
  }

  /**
   * All required scopes grant or none is charged; an optional scope that refuses is skipped. The
   * breaker scope's breaker is asked first; only an admission that goes out takes a probe slot.
   */
  admitAll(lane: SyncLane, demands: Demand[], now: number): Admission {
    const rows = demands.map((d) => ({ demand: d, ...this.#load(d.key, d.policy, now) }));
    const gated = rows.find((r) => r.demand.breaker);
    const gate = gated ? breakerAllows(gated.breaker, now) : null;
    if (gated && gate && !gate.allowed) {
      this.#save(gated.demand.key, gated.bucket, gate.state);
      return { admitted: false, retryAfterMs: gate.retryAfterMs, reason: 'breaker', scope: gated.demand.key, lane };
    }
    const grants = rows.map((r) => ({ ...r, grant: takeScope(r.bucket, r.demand.policy, now, r.demand.cost, lane) }));
    const refused = grants.filter((g) => !g.grant.granted && !g.demand.optional);
    if (refused.length) {
      const worst = refused.reduce((a, b) => (retryOf(b.grant) > retryOf(a.grant) ? b : a));
      return { admitted: false, retryAfterMs: retryOf(worst.grant), reason: 'budget', scope: worst.demand.key, lane };
    }
    const skipped: string[] = [];
    for (const g of grants) {
      if (!g.grant.granted) skipped.push(g.demand.key);
      else this.#save(g.demand.key, g.grant.state, g.demand === gated?.demand && gate ? gate.state : g.breaker);
    }
    return skipped.length ? { admitted: true, skipped } : { admitted: true };
  }

  /** Gives back an admission that was never used (a later gate refused the call): its token and its probe slot. */
  release(key: string, policy: ScopePolicy, now: number): void {
    this.releaseAll([{ key, policy, cost: 1, breaker: true }], now);
  }

  releaseAll(demands: Demand[], now: number): void {
    for (const d of demands) {
      const { bucket, breaker } = this.#load(d.key, d.policy, now);
      this.#save(d.key, refundScope(bucket, d.policy, now, d.cost), d.breaker ? breakerRecord(breaker, 'neutral', now) : breaker);
    }
  }

  report(key: string, policy: ScopePolicy, report: CallReport, now: number): void {
    this.reportAll([{ key, policy, report }], now);
  }

  reportAll(entries: ScopeReport[], now: number): void {
    for (const { key, policy, report } of entries) {
      const loaded = this.#load(key, policy, now);
      const extraCalls = (report.calls ?? 1) - (report.reserved ?? 1);
      const throttle = report.outcome === 'rate_limited' ? { retryAfterMs: report.retryAfterMs ?? null } : undefined;
      const bucket = reportScope(loaded.bucket, policy, { extraCalls, usage: report.usage, ...(throttle ? { throttle } : {}) }, now);
      this.#save(key, bucket, breakerRecord(loaded.breaker, BREAKER_OUTCOME[report.outcome], now));
    }
  }

  snapshot(): BudgetRow[] {
    return this.sql<{ key: string; bucket: string; breaker: string }>`SELECT key, bucket, breaker FROM budgets ORDER BY key`.map((r) => ({
      key: r.key,
      bucket: JSON.parse(r.bucket) as ScopeState,
      breaker: JSON.parse(r.breaker) as BreakerState,
    }));
  }

  #load(key: string, policy: ScopePolicy, now: number): { bucket: ScopeState; breaker: BreakerState } {
    const [row] = this.sql<{ bucket: string; breaker: string }>`SELECT bucket, breaker FROM budgets WHERE key = ${key}`;
    return {
      bucket: scopeState(row ? (JSON.parse(row.bucket) as ScopeState) : null, policy, now),
      breaker: row ? (JSON.parse(row.breaker) as BreakerState) : CLOSED,
    };
  }

  #save(key: string, bucket: ScopeState, breaker: BreakerState): void {
    this.sql`INSERT INTO budgets (key, bucket, breaker) VALUES (${key}, ${JSON.stringify(bucket)}, ${JSON.stringify(breaker)})
      ON CONFLICT(key) DO UPDATE SET bucket = excluded.bucket, breaker = excluded.breaker`;
  }
}

const retryOf = (grant: { granted: boolean; retryAfterMs?: number }) => grant.retryAfterMs ?? 0;
