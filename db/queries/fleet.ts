/**
 * Code that runs across tenants, and only that: the scheduler, operator tools, dead letters (in the
 * fleet scope, withFleet) and the custom-hostname lookup that runs before a tenant is known. Everything else reads one
 * tenant through a TenantTx (db/database.ts). Reads of tenant-owned tables still go one tenant at
 * a time (forEachTenant) or through a policy that shows exactly one row (hostnames).
 */
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type Database, forEachTenant, rowsOf, withFleet, withTenant } from '../database';
import { deadLetters, type TenantBranding, tenantDomains, tenants } from '../schema';
import { listConnectionsWithStaleTokens, type StoredTokenCiphertexts } from './connections';
import { listSyncableAdAccounts, type SyncTarget } from './scheduling';

export type { SyncTarget } from './scheduling';

/** Every active tenant's syncable ad accounts, each tenant read in its own RLS-scoped transaction. */
export async function listSyncTargetsAcrossTenants(db: Database): Promise<SyncTarget[]> {
  const active = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active'));
  const perTenant = await forEachTenant(
    db,
    active.map((t) => t.id),
    listSyncableAdAccounts,
  );
  return perTenant.flat();
}

/** Every active tenant, by name: the operator's pipeline view reads each one in its own scope. */
export async function listActiveTenantsAcrossTenants(
  db: Database,
): Promise<Array<{ id: string; slug: string; name: string; dataVersion: number }>> {
  return db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, dataVersion: tenants.dataVersion })
    .from(tenants)
    .where(eq(tenants.status, 'active'))
    .orderBy(asc(tenants.name));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tenant by id or slug with no membership check, for operator tools. */
export async function findTenantByRefAcrossTenants(db: Database, ref: string): Promise<{ id: string; slug: string; name: string } | null> {
  const [row] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(UUID_PATTERN.test(ref) ? or(eq(tenants.id, ref), eq(tenants.slug, ref)) : eq(tenants.slug, ref));
  return row ?? null;
}

/**
 * The tenant served on a custom hostname, or null. Runs before any tenant is known, so it sets
 * app.hostname, which row-level security lets see exactly that hostname's row (migration 0001).
 */
export async function findTenantIdByHostnameAcrossTenants(
  db: Database,
  hostname: string,
  options: { verifiedOnly?: boolean } = {},
): Promise<string | null> {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.hostname', ${host}, true)`);
    const [row] = await tx
      .select({ tenantId: tenantDomains.tenantId })
      .from(tenantDomains)
      .where(and(eq(tenantDomains.hostname, host), options.verifiedOnly ? eq(tenantDomains.verificationStatus, 'verified') : undefined));
    return row?.tenantId ?? null;
  });
}

/** The active tenant served on a verified custom hostname, with what its pages need before anyone signs in. */
export async function findTenantByVerifiedHostnameAcrossTenants(
  db: Database,
  hostname: string,
): Promise<{ id: string; slug: string; name: string; branding: TenantBranding } | null> {
  const tenantId = await findTenantIdByHostnameAcrossTenants(db, hostname, { verifiedOnly: true });
  if (!tenantId) return null;
  const [row] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, branding: tenants.branding })
    .from(tenants)
    .where(and(eq(tenants.id, tenantId), eq(tenants.status, 'active')));
  return row ?? null;
}

export interface DeadLetterInput {
  messageId: string;
  queue: string;
  body: unknown;
  attempts: number;
}

/** Parks a dead-lettered message of any tenant (or none); a redelivery of the same message id is ignored. */
export async function recordDeadLetter(db: Database, input: DeadLetterInput): Promise<void> {
  await withFleet(db, (tx) =>
    tx
      .insert(deadLetters)
      .values({ ...input, body: input.body as object, tenantId: tenantIdOf(input.body) })
      .onConflictDoNothing({ target: deadLetters.messageId }),
  );
}

export async function listDeadLettersAcrossTenants(db: Database, options: { includeRedriven?: boolean; limit?: number } = {}) {
  return withFleet(db, (tx) =>
    tx
      .select()
      .from(deadLetters)
      .where(options.includeRedriven ? undefined : isNull(deadLetters.redrivenAt))
      .orderBy(desc(deadLetters.receivedAt))
      .limit(options.limit ?? 100),
  );
}

/**
 * Re-drives parked dead letters: locks those not yet re-driven, hands them to `send` (which
 * enqueues them and returns the ids it sent), then marks exactly those. All in one transaction, so
 * a `send` that throws marks nothing, and a concurrent re-drive skips the locked rows instead of
 * sending them twice. Letters `send` leaves out stay parked.
 */
export async function redriveDeadLettersAcrossTenants(
  db: Database,
  ids: string[] | 'all',
  send: (letters: Array<{ id: string; body: unknown }>) => Promise<string[]>,
): Promise<string[]> {
  return withFleet(db, async (tx) => {
    const letters = await tx
      .select({ id: deadLetters.id, body: deadLetters.body })
      .from(deadLetters)
      .where(and(isNull(deadLetters.redrivenAt), ids === 'all' ? undefined : inArray(deadLetters.id, ids)))
      .for('update', { skipLocked: true });
    if (!letters.length) return [];
    const sent = await send(letters);
    if (!sent.length) return [];
    const marked = await tx
      .update(deadLetters)
      .set({ redrivenAt: sql`now()` })
      .where(inArray(deadLetters.id, sent))
      .returning({ id: deadLetters.id });
    return marked.map((m) => m.id);
  });
}

function tenantIdOf(body: unknown): string | null {
  const id = (body as { tenantId?: unknown } | null)?.tenantId;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/**
 * Every active tenant's enabled, connected ad accounts with a requested backfill: the window,
 * the windows that finished ok since the request and the latest backfill run since it.
 */
export async function listBackfillProgressAcrossTenants(db: Database): Promise<BackfillProgressRow[]> {
  const active = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active'));
  const perTenant = await forEachTenant(
    db,
    active.map((t) => t.id),
    async ({ db: tx, tenantId }) => {
      const rows = rowsOf<{
        adAccountId: string;
        from: string | null;
        to: string | null;
        requestedAt: string | null;
        doneWindows: Array<{ from: string; to: string }>;
        lastRunAt: string | null;
      }>(
        await tx.execute(sql`
          select a.id as "adAccountId", a.backfill_state->>'from' as "from", a.backfill_state->>'to' as "to",
            a.backfill_state->>'requestedAt' as "requestedAt",
            coalesce((select json_agg(distinct jsonb_build_object('from', r.window_from::text, 'to', r.window_to::text))
              from sync_runs r where r.tenant_id = a.tenant_id and r.ad_account_id = a.id and r.lane = 'backfill' and r.outcome = 'ok'
                and r.started_at >= (a.backfill_state->>'requestedAt')::timestamptz), '[]'::json) as "doneWindows",
            (select max(r.started_at) from sync_runs r where r.tenant_id = a.tenant_id and r.ad_account_id = a.id and r.lane = 'backfill'
                and r.started_at >= (a.backfill_state->>'requestedAt')::timestamptz)::text as "lastRunAt"
          from ad_accounts a join connections c on c.id = a.connection_id
          where a.tenant_id = ${tenantId} and a.enabled and c.status = 'active' and a.backfill_state ? 'requestedAt'`),
      );
      return rows.map((row) => ({
        tenantId,
        adAccountId: row.adAccountId,
        ...(row.from ? { from: row.from } : {}),
        ...(row.to ? { to: row.to } : {}),
        ...(row.requestedAt ? { requestedAt: row.requestedAt } : {}),
        doneWindows: row.doneWindows,
        lastRunAt: row.lastRunAt ? new Date(row.lastRunAt) : null,
      }));
    },
  );
  return perTenant.flat();
}

export interface BackfillProgressRow {
  tenantId: string;
  adAccountId: string;
  from?: string;
  to?: string;
  requestedAt?: string;
  doneWindows: Array<{ from: string; to: string }>;
  lastRunAt: Date | null;
}

/**
 * Up to `limit` connections of any tenant (archived too: their tokens are stored all the same) whose
 * ciphertexts are not under `currentPrefix`, each tenant read in its own scope, stopping at the limit.
 */
export async function listStaleTokenConnectionsAcrossTenants(
  db: Database,
  currentPrefix: string,
  limit: number,
): Promise<Array<StoredTokenCiphertexts & { tenantId: string }>> {
  const all = await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id));
  const found: Array<StoredTokenCiphertexts & { tenantId: string }> = [];
  for (const { id: tenantId } of all) {
    if (found.length >= limit) break;
    const rows = await withTenant(db, tenantId, (tx) => listConnectionsWithStaleTokens(tx, currentPrefix, limit - found.length));
    found.push(...rows.map((row) => ({ ...row, tenantId })));
  }
  return found;
}
