import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type TenantTx } from '../database';
import { adAccounts, connections, syncRuns } from '../schema';
import type { BackfillState } from '../schema/connections';
import { type ConnectionStatus, type Platform, SYNC_LANES, type SyncLane } from '../schema/enums';
import { takeExcluded } from './excluded';

export interface NewConnection {
  id: string;
  platform: Platform;
  externalUserId: string;
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  scopes: string[];
  /** The onboarding link the grant came through, if any (a grant made again elsewhere keeps it). */
  onboardingLinkId?: string | null;
}

/**
 * Stores a grant. Reconnecting the same platform user replaces the tokens and reactivates the
 * connection; the returned id is the one the tokens were encrypted for.
 */
export async function upsertConnection(tx: TenantTx, connection: NewConnection): Promise<string> {
  const [row] = await tx.db
    .insert(connections)
    .values({ ...connection, tenantId: tx.tenantId, status: 'active', lastError: null })
    .onConflictDoUpdate({
      target: [connections.tenantId, connections.platform, connections.externalUserId],
      set: {
        ...takeExcluded(connections, ['accessTokenEnc', 'refreshTokenEnc', 'accessExpiresAt', 'refreshExpiresAt', 'scopes']),
        ...(connection.onboardingLinkId ? { onboardingLinkId: connection.onboardingLinkId } : {}),
        status: 'active',
        lastError: null,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: connections.id });
  return row!.id;
}

export async function findConnectionId(tx: TenantTx, platform: Platform, externalUserId: string): Promise<string | null> {
  const [row] = await tx.db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.tenantId, tx.tenantId), eq(connections.platform, platform), eq(connections.externalUserId, externalUserId)));
  return row?.id ?? null;
}

export interface DiscoveredAdAccount {
  externalId: string;
  name: string;
  currency: string;
  timeZone: string;
  managerExternalId: string | null;
}

/**
 * Attaches the accounts a grant can read to the connection; returns their ids and whether each is
 * picked for syncing. A newly discovered account waits unpicked, unless `pickAt` is given (the grant
 * has exactly one account); a known account keeps its choice.
 */
export async function upsertAdAccounts(
  tx: TenantTx,
  connectionId: string,
  platform: Platform,
  accounts: DiscoveredAdAccount[],
  pickAt: Date | null,
): Promise<Array<{ id: string; externalId: string; timeZone: string; enabled: boolean }>> {
  if (!accounts.length) return [];
  return tx.db
    .insert(adAccounts)
    .values(
      accounts.map((a) => ({
        tenantId: tx.tenantId,
        connectionId,
        platform,
        externalId: a.externalId,
        name: a.name,
        currency: a.currency,
        timeZone: a.timeZone,
        managerExternalId: a.managerExternalId,
        enabled: pickAt !== null,
        selectedAt: pickAt,
      })),
    )
    .onConflictDoUpdate({
      target: [adAccounts.tenantId, adAccounts.platform, adAccounts.externalId],
      set: {
        ...takeExcluded(adAccounts, ['connectionId', 'name', 'currency', 'timeZone', 'managerExternalId']),
        ...(pickAt ? { enabled: true, selectedAt: pickAt } : {}),
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: adAccounts.id, externalId: adAccounts.externalId, timeZone: adAccounts.timeZone, enabled: adAccounts.enabled });
}

/** Records the backfill an account is about to get: its window, how many chunks, when it was asked for. */
export async function recordBackfillRequest(tx: TenantTx, adAccountId: string, backfill: BackfillState & { from: string }): Promise<void> {
  await tx.db
    .update(adAccounts)
    .set({ backfillFrom: backfill.from, backfillState: backfill, updatedAt: sql`now()` })
    .where(and(eq(adAccounts.tenantId, tx.tenantId), eq(adAccounts.id, adAccountId)));
}

export interface PickableAdAccount {
  id: string;
  platform: Platform;
  timeZone: string;
  enabled: boolean;
  connectionId: string | null;
}

/** The tenant's accounts among `ids` (those of other tenants are simply not found), optionally only those of one onboarding link's grants. */
export async function findPickableAdAccounts(tx: TenantTx, ids: string[], onboardingLinkId?: string): Promise<PickableAdAccount[]> {
  if (!ids.length) return [];
  return tx.db
    .select({
      id: adAccounts.id,
      platform: adAccounts.platform,
      timeZone: adAccounts.timeZone,
      enabled: adAccounts.enabled,
      connectionId: adAccounts.connectionId,
    })
    .from(adAccounts)
    .leftJoin(connections, eq(connections.id, adAccounts.connectionId))
    .where(
      and(
        eq(adAccounts.tenantId, tx.tenantId),
        inArray(adAccounts.id, ids),
        onboardingLinkId ? eq(connections.onboardingLinkId, onboardingLinkId) : undefined,
      ),
    );
}

/** Picks accounts for syncing (or stops them: their data stays). */
export async function setAdAccountsPicked(tx: TenantTx, ids: string[], picked: boolean, now: Date): Promise<void> {
  if (!ids.length) return;
  await tx.db
    .update(adAccounts)
    .set({ enabled: picked, ...(picked ? { selectedAt: now } : {}), updatedAt: sql`now()` })
    .where(and(eq(adAccounts.tenantId, tx.tenantId), inArray(adAccounts.id, ids)));
}

export interface StoredGrant {
  id: string;
  platform: Platform;
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
}

/** One connection's platform and token ciphertexts (for revoking at the platform), or null. */
export async function findConnectionGrant(tx: TenantTx, connectionId: string): Promise<StoredGrant | null> {
  const [row] = await tx.db
    .select({
      id: connections.id,
      platform: connections.platform,
      accessTokenEnc: connections.accessTokenEnc,
      refreshTokenEnc: connections.refreshTokenEnc,
    })
    .from(connections)
    .where(and(eq(connections.tenantId, tx.tenantId), eq(connections.id, connectionId)));
  return row ?? null;
}

/**
 * Deletes a connection and so its tokens; its ad accounts keep their data with no connection
 * (the foreign key sets it null), which is what "disconnected" means: nothing syncs them.
 */
export async function deleteConnection(tx: TenantTx, connectionId: string): Promise<number> {
  const accounts = await tx.db
    .select({ id: adAccounts.id })
    .from(adAccounts)
    .where(and(eq(adAccounts.tenantId, tx.tenantId), eq(adAccounts.connectionId, connectionId)));
  await tx.db.delete(connections).where(and(eq(connections.tenantId, tx.tenantId), eq(connections.id, connectionId)));
  return accounts.length;
}

export interface AdAccountStatus {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
  currency: string;
  timeZone: string;
  enabled: boolean;
  selectedAt: Date | null;
  connectionId: string | null;
  connectionStatus: ConnectionStatus | null;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  hasRefreshToken: boolean;
  lastSyncedAt: Date | null;
  backfill: { windowsDone: number; windowsTotal: number; rows: number; from: string | null; to: string | null };
}

/**
 * The tenant's ad accounts with connection health and backfill progress. Progress counts
 * distinct backfill windows that finished ok since the backfill was requested (a run that left
 * a continuation does not finish its window), so a redelivered message never counts twice.
 */
export async function listAdAccountStatus(tx: TenantTx, adAccountId?: string): Promise<AdAccountStatus[]> {
  const { db, tenantId } = tx;
  const accounts = await db
    .select({
      id: adAccounts.id,
      platform: adAccounts.platform,
      externalId: adAccounts.externalId,
      name: adAccounts.name,
      currency: adAccounts.currency,
      timeZone: adAccounts.timeZone,
      enabled: adAccounts.enabled,
      selectedAt: adAccounts.selectedAt,
      connectionId: adAccounts.connectionId,
      connectionStatus: connections.status,
      accessExpiresAt: connections.accessExpiresAt,
      refreshExpiresAt: connections.refreshExpiresAt,
      hasRefreshToken: sql<boolean>`${connections.refreshTokenEnc} is not null`,
      lastSyncedAt: adAccounts.lastSyncedAt,
      backfillState: adAccounts.backfillState,
    })
    .from(adAccounts)
    .leftJoin(connections, eq(connections.id, adAccounts.connectionId))
    .where(and(eq(adAccounts.tenantId, tenantId), adAccountId ? eq(adAccounts.id, adAccountId) : undefined))
    .orderBy(asc(adAccounts.platform), asc(adAccounts.name));
  const out: AdAccountStatus[] = [];
  // One progress query per account: a tenant has tens of accounts, and this page is not hot.
  for (const { backfillState, ...account } of accounts) {
    const requestedAt = backfillState.requestedAt ? new Date(backfillState.requestedAt) : new Date(0);
    const result = await db.execute(sql`
      select count(*)::int as "windowsDone", coalesce(sum(rows), 0)::int as rows from (
        select max(${syncRuns.rows}) as rows from ${syncRuns}
        where ${syncRuns.tenantId} = ${tenantId} and ${syncRuns.adAccountId} = ${account.id}
          and ${syncRuns.lane} = 'backfill' and ${syncRuns.outcome} = 'ok' and ${syncRuns.startedAt} >= ${requestedAt.toISOString()}
        group by ${syncRuns.windowFrom}, ${syncRuns.windowTo}
        -- A window is done once a run finished it: one that only started a report (a continuation) is not.
        having bool_or(not ${syncRuns.continues})
      ) windows`);
    const progress = rowsOf<{ windowsDone: number; rows: number }>(result)[0];
    out.push({
      ...account,
      backfill: {
        windowsDone: Math.min(progress?.windowsDone ?? 0, backfillState.windowsTotal ?? 0),
        windowsTotal: backfillState.windowsTotal ?? 0,
        rows: progress?.rows ?? 0,
        from: backfillState.from ?? null,
        to: backfillState.to ?? null,
      },
    });
  }
  return out;
}

export interface LatestDecisiveRun {
  adAccountId: string;
  lane: SyncLane;
  outcome: 'ok' | 'permanent';
  finishedAt: Date;
  error: string | null;
}

/**
 * Per ad account of the tenant (or just one) and per lane, the latest run whose outcome was ok or
 * permanent: what worker/connections/sync-state.ts derives an account's sync state from. Backfill
 * runs count only since the current backfill was requested, as its progress does.
 */
export async function listLatestDecisiveRuns(tx: TenantTx, adAccountId?: string): Promise<LatestDecisiveRun[]> {
  const { db, tenantId } = tx;
  const result = await db.execute(sql`
    select a.id as "adAccountId", lanes.lane, r.outcome, coalesce(r.finished_at, r.started_at) as "finishedAt", r.error
    from ${adAccounts} a
    cross join (values ${sql.join(
      SYNC_LANES.map((lane) => sql`(${lane}::sync_lane)`),
      sql`, `,
    )}) as lanes(lane)
    cross join lateral (
      select outcome, finished_at, started_at, error from ${syncRuns} r
      where r.tenant_id = a.tenant_id and r.ad_account_id = a.id and r.lane = lanes.lane and r.outcome in ('ok', 'permanent')
        and (lanes.lane <> 'backfill' or r.started_at >= coalesce((a.backfill_state->>'requestedAt')::timestamptz, 'epoch'))
      order by r.started_at desc
      limit 1
    ) r
    where a.tenant_id = ${tenantId} ${adAccountId ? sql`and a.id = ${adAccountId}` : sql``}`);
  return rowsOf<LatestDecisiveRun & { finishedAt: Date | string }>(result).map((row) => ({ ...row, finishedAt: new Date(row.finishedAt) }));
}

export interface StoredTokenCiphertexts {
  id: string;
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
}

/** Up to `limit` of the tenant's connections with a token ciphertext not starting with `currentPrefix` (`v2.<kid>.`). */
export async function listConnectionsWithStaleTokens(
  tx: TenantTx,
  currentPrefix: string,
  limit: number,
): Promise<StoredTokenCiphertexts[]> {
  const pattern = `${currentPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx.db
    .select({ id: connections.id, accessTokenEnc: connections.accessTokenEnc, refreshTokenEnc: connections.refreshTokenEnc })
    .from(connections)
    .where(
      and(
        eq(connections.tenantId, tx.tenantId),
        sql`(${connections.accessTokenEnc} not like ${pattern} or ${connections.refreshTokenEnc} not like ${pattern})`,
      ),
    )
    .orderBy(asc(connections.id))
    .limit(limit);
}
