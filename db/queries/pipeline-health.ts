import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Database, rowsOf, type TenantTx, withTenant, withUser } from '../database';
import { deadLetters, memberships, syncRuns } from '../schema';
import type { DeferralReason, Platform, SyncLane, SyncOutcome } from '../schema/enums';

/*
 * What the pipeline-health view reads: per ad account of one tenant, its connection, last sync,
 * API calls per hour and deferrals of the last day, and the tenant's parked dead letters.
 */

export interface DeferralRecord {
  adAccountId: string;
  lane: SyncLane;
  windowFrom: string;
  windowTo: string;
  at: Date;
  reason: DeferralReason;
}

/** Records that a gate refused a sync before it reached the platform (a `deferred` run: no calls, no rows). */
export async function recordDeferral(tx: TenantTx, deferral: DeferralRecord): Promise<void> {
  const { at, reason, ...slot } = deferral;
  await tx.db.insert(syncRuns).values({
    ...slot,
    tenantId: tx.tenantId,
    startedAt: at,
    finishedAt: at,
    outcome: 'deferred',
    deferralReason: reason,
  });
}

export interface PipelineAccountRow {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
  enabled: boolean;
  connectionStatus: 'active' | 'needs_reauth' | 'revoked' | null;
  lastSyncedAt: Date | null;
}

export interface LastRunRow {
  adAccountId: string;
  lane: SyncLane;
  outcome: Exclude<SyncOutcome, 'deferred'>;
  finishedAt: Date;
  error: string | null;
}

export interface HourlyCallsRow {
  adAccountId: string;
  /** Start of the hour, UTC. */
  hour: Date;
  apiCalls: number;
}

export interface DeferralCountRow {
  adAccountId: string;
  reason: DeferralReason;
  count: number;
  lastAt: Date;
}

export interface PipelineFacts {
  accounts: PipelineAccountRow[];
  lastRuns: LastRunRow[];
  /** Failures (transient, rate-limited) since the account's last ok run, within the window. */
  failuresSinceOk: Array<{ adAccountId: string; count: number }>;
  hourlyCalls: HourlyCallsRow[];
  deferrals: DeferralCountRow[];
}

/** Everything the tenant's pipeline view derives from, over the window since `since`. */
export async function listPipelineFacts(tx: TenantTx, since: Date): Promise<PipelineFacts> {
  const { db, tenantId } = tx;
  const sinceIso = since.toISOString();
  const accounts = rowsOf<PipelineAccountRow & { lastSyncedAt: Date | string | null }>(
    await db.execute(sql`
      select a.id, a.platform, a.external_id as "externalId", a.name, a.enabled, c.status as "connectionStatus",
        a.last_synced_at as "lastSyncedAt"
      from ad_accounts a left join connections c on c.id = a.connection_id and c.tenant_id = a.tenant_id
      where a.tenant_id = ${tenantId}
      order by a.platform, a.name`),
  ).map((a) => ({ ...a, lastSyncedAt: toDate(a.lastSyncedAt) }));
  // The latest finished run that reached the platform (a deferral is not a sync).
  const lastRuns = rowsOf<LastRunRow & { finishedAt: Date | string }>(
    await db.execute(sql`
      select distinct on (r.ad_account_id) r.ad_account_id as "adAccountId", r.lane, r.outcome,
        coalesce(r.finished_at, r.started_at) as "finishedAt", r.error
      from sync_runs r
      where r.tenant_id = ${tenantId} and r.outcome is not null and r.outcome <> 'deferred'
      order by r.ad_account_id, r.started_at desc`),
  ).map((r) => ({ ...r, finishedAt: new Date(r.finishedAt) }));
  const failuresSinceOk = rowsOf<{ adAccountId: string; count: number }>(
    await db.execute(sql`
      select r.ad_account_id as "adAccountId", count(*)::int as count
      from sync_runs r
      where r.tenant_id = ${tenantId} and r.started_at >= ${sinceIso} and r.outcome in ('transient', 'auth_failed')
        and r.started_at > coalesce((select max(ok.started_at) from sync_runs ok
          where ok.tenant_id = r.tenant_id and ok.ad_account_id = r.ad_account_id and ok.outcome = 'ok'), 'epoch')
      group by r.ad_account_id`),
  );
  const hourlyCalls = rowsOf<HourlyCallsRow & { hour: Date | string }>(
    await db.execute(sql`
      select r.ad_account_id as "adAccountId", date_trunc('hour', coalesce(r.finished_at, r.started_at), 'UTC') as hour,
        sum(r.api_calls)::int as "apiCalls"
      from sync_runs r
      where r.tenant_id = ${tenantId} and r.started_at >= ${sinceIso} and r.api_calls > 0
      group by 1, 2`),
  ).map((r) => ({ ...r, hour: new Date(r.hour) }));
  const deferrals = rowsOf<DeferralCountRow & { lastAt: Date | string }>(
    await db.execute(sql`
      select r.ad_account_id as "adAccountId", r.deferral_reason as reason, count(*)::int as count, max(r.started_at) as "lastAt"
      from sync_runs r
      where r.tenant_id = ${tenantId} and r.started_at >= ${sinceIso} and r.outcome = 'deferred'
      group by 1, 2`),
  ).map((r) => ({ ...r, lastAt: new Date(r.lastAt) }));
  return { accounts, lastRuns, failuresSinceOk, hourlyCalls, deferrals };
}

export interface DeadLetterSummaryRow {
  id: string;
  adAccountId: string | null;
  lane: string | null;
  from: string | null;
  to: string | null;
  attempts: number;
  receivedAt: Date;
}

/** The tenant's parked dead letters (not re-driven), read in the tenant's scope (row-level security, migration 0008). */
export async function listTenantDeadLetters(db: Database, tenantId: string, limit = 100): Promise<DeadLetterSummaryRow[]> {
  const rows = await withTenant(db, tenantId, (tx) =>
    tx.db
      .select({ id: deadLetters.id, body: deadLetters.body, attempts: deadLetters.attempts, receivedAt: deadLetters.receivedAt })
      .from(deadLetters)
      .where(and(eq(deadLetters.tenantId, tx.tenantId), isNull(deadLetters.redrivenAt)))
      .orderBy(desc(deadLetters.receivedAt))
      .limit(limit),
  );
  return rows.map(({ body, ...row }) => {
    const b = (body ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return { ...row, adAccountId: text(b.adAccountId), lane: text(b.lane), from: text(b.from), to: text(b.to) };
  });
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The agencies the user is a member of (their tenants make up the user's agency pipeline view). */
export async function listAgencyIdsForUser(db: Database, userId: string): Promise<string[]> {
  const rows = await withUser(db, userId, (tx) =>
    tx
      .select({ agencyId: memberships.agencyId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), isNotNull(memberships.agencyId))),
  );
  return rows.flatMap((r) => (r.agencyId ? [r.agencyId] : []));
}
