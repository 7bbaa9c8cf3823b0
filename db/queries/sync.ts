import { and, eq, isNull } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { adAccounts, adGroups, ads, campaigns, connections, syncRuns } from '../schema';
import type { ConnectionStatus, Platform, SyncLane, SyncOutcome } from '../schema/enums';
import { chunk } from './daily-stat-rows';
import { takeExcluded } from './excluded';

export interface SyncAccount {
  adAccountId: string;
  platform: Platform;
  externalId: string;
  currency: string;
  timeZone: string;
  managerExternalId: string | null;
  enabled: boolean;
  connection: {
    id: string;
    status: ConnectionStatus;
    accessTokenEnc: string;
    refreshTokenEnc: string | null;
    accessExpiresAt: Date | null;
    refreshExpiresAt: Date | null;
  } | null;
}

/** The ad account and its connection, or null when the account is gone. */
export async function loadSyncAccount(tx: TenantTx, adAccountId: string): Promise<SyncAccount | null> {
  const { db, tenantId } = tx;
  const [row] = await db
    .select({
      adAccountId: adAccounts.id,
      platform: adAccounts.platform,
      externalId: adAccounts.externalId,
      currency: adAccounts.currency,
      timeZone: adAccounts.timeZone,
      managerExternalId: adAccounts.managerExternalId,
      enabled: adAccounts.enabled,
      connectionId: connections.id,
      status: connections.status,
      accessTokenEnc: connections.accessTokenEnc,
      refreshTokenEnc: connections.refreshTokenEnc,
      accessExpiresAt: connections.accessExpiresAt,
      refreshExpiresAt: connections.refreshExpiresAt,
    })
    .from(adAccounts)
    .leftJoin(connections, and(eq(connections.id, adAccounts.connectionId), eq(connections.tenantId, tenantId)))
    .where(and(eq(adAccounts.tenantId, tenantId), eq(adAccounts.id, adAccountId)));
  if (!row) return null;
  const { connectionId, status, accessTokenEnc, refreshTokenEnc, accessExpiresAt, refreshExpiresAt, ...account } = row;
  return {
    ...account,
    connection:
      connectionId && status && accessTokenEnc
        ? { id: connectionId, status, accessTokenEnc, refreshTokenEnc, accessExpiresAt, refreshExpiresAt }
        : null,
  };
}

export interface EntityInput {
  campaigns: Array<{ externalId: string; name: string; status: string }>;
  adGroups: Array<{ externalId: string; name: string; status: string; campaignId: string }>;
  ads: Array<{ externalId: string; name: string; status: string; adGroupId: string; campaignId: string }>;
}

const BATCH = 500;

/** Names and statuses of campaigns, ad groups and ads: latest wins. */
export async function upsertEntities(tx: TenantTx, adAccountId: string, entities: EntityInput): Promise<void> {
  const { db, tenantId } = tx;
  const now = new Date();
  for (const batch of chunk(entities.campaigns, BATCH)) {
    await db
      .insert(campaigns)
      .values(batch.map((c) => ({ tenantId, adAccountId, externalId: c.externalId, name: c.name, status: c.status, updatedAt: now })))
      .onConflictDoUpdate({
        target: [campaigns.tenantId, campaigns.adAccountId, campaigns.externalId],
        set: takeExcluded(campaigns, ['name', 'status', 'updatedAt']),
      });
  }
  for (const batch of chunk(entities.adGroups, BATCH)) {
    await db
      .insert(adGroups)
      .values(
        batch.map((g) => ({
          tenantId,
          adAccountId,
          externalId: g.externalId,
          name: g.name,
          status: g.status,
          campaignExternalId: g.campaignId,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [adGroups.tenantId, adGroups.adAccountId, adGroups.externalId],
        set: takeExcluded(adGroups, ['name', 'status', 'campaignExternalId', 'updatedAt']),
      });
  }
  for (const batch of chunk(entities.ads, BATCH)) {
    await db
      .insert(ads)
      .values(
        batch.map((a) => ({
          tenantId,
          adAccountId,
          externalId: a.externalId,
          name: a.name,
          status: a.status,
          campaignExternalId: a.campaignId,
          adGroupExternalId: a.adGroupId,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [ads.tenantId, ads.adAccountId, ads.externalId],
        set: takeExcluded(ads, ['name', 'status', 'campaignExternalId', 'adGroupExternalId', 'updatedAt']),
      });
  }
}

export interface SyncRunRecord {
  adAccountId: string;
  lane: SyncLane;
  windowFrom: string;
  windowTo: string;
  startedAt: Date;
  finishedAt: Date;
  outcome: SyncOutcome;
  apiCalls: number;
  rows: number;
  error: string | null;
  /** An ok run whose window goes on in a later run (the connector returned a continuation cursor). */
  continues?: boolean;
}

export async function recordSyncRun(tx: TenantTx, run: SyncRunRecord): Promise<void> {
  await tx.db.insert(syncRuns).values({ ...run, tenantId: tx.tenantId });
}

export async function markAccountSynced(tx: TenantTx, adAccountId: string, at: Date): Promise<void> {
  await tx.db
    .update(adAccounts)
    .set({ lastSyncedAt: at, updatedAt: at })
    .where(and(eq(adAccounts.tenantId, tx.tenantId), eq(adAccounts.id, adAccountId)));
}

/** A revoked or expired grant: stop syncing this connection until the user reconnects. */
/** Marks the grant dead; true when it was alive until now (so its loss is reported once). */
export async function markConnectionNeedsReauth(tx: TenantTx, connectionId: string, error: string): Promise<boolean> {
  const [before] = await tx.db
    .select({ status: connections.status })
    .from(connections)
    .where(and(eq(connections.tenantId, tx.tenantId), eq(connections.id, connectionId)))
    .for('update');
  await tx.db
    .update(connections)
    .set({ status: 'needs_reauth', lastError: error.slice(0, 500), updatedAt: new Date() })
    .where(and(eq(connections.tenantId, tx.tenantId), eq(connections.id, connectionId)));
  return before?.status === 'active';
}

/**
 * Re-encrypted ciphertexts of the same tokens (a key rotation or the format before key ids). Only a
 * row still holding `previous` ciphertexts is changed, so a token a concurrent refresh just stored wins.
 */
export async function storeTokenCiphertexts(
  tx: TenantTx,
  connectionId: string,
  ciphertexts: { accessTokenEnc: string; refreshTokenEnc: string | null },
  previous: { accessTokenEnc: string; refreshTokenEnc: string | null },
): Promise<void> {
  await tx.db
    .update(connections)
    .set({ ...ciphertexts, updatedAt: new Date() })
    .where(
      and(
        eq(connections.tenantId, tx.tenantId),
        eq(connections.id, connectionId),
        eq(connections.accessTokenEnc, previous.accessTokenEnc),
        previous.refreshTokenEnc === null ? isNull(connections.refreshTokenEnc) : eq(connections.refreshTokenEnc, previous.refreshTokenEnc),
      ),
    );
}

export async function storeAccessToken(
  tx: TenantTx,
  connectionId: string,
  token: { accessTokenEnc: string; accessExpiresAt: Date | null },
): Promise<void> {
  await tx.db
    .update(connections)
    .set({ ...token, updatedAt: new Date() })
    .where(and(eq(connections.tenantId, tx.tenantId), eq(connections.id, connectionId)));
}
