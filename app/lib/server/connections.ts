import { type Database, withTenant } from '$db/client';
import { listAdAccountStatus } from '$db/queries/connections';
import type { AdAccountCardData } from '$lib/ad-account';
import { connectionHealth } from '$worker/connections/health';

/** The tenant's ad accounts with connection health and backfill progress, as the API's ad-accounts route returns them. */
export async function loadAdAccounts(db: Database, tenantId: string, now: Date): Promise<AdAccountCardData[]> {
  const accounts = await withTenant(db, tenantId, (tx) => listAdAccountStatus(tx));
  return accounts.map(({ hasRefreshToken, ...account }) => ({
    ...account,
    connectionHealth: connectionHealth(
      {
        status: account.connectionStatus,
        accessExpiresAt: account.accessExpiresAt,
        refreshExpiresAt: account.refreshExpiresAt,
        hasRefreshToken,
      },
      now,
    ),
  }));
}

/** Just what the overview's "Syncing history" line needs, for every ad account of the tenant. */
export async function loadBackfills(db: Database, tenantId: string) {
  const accounts = await withTenant(db, tenantId, (tx) => listAdAccountStatus(tx));
  return accounts.map(({ id, platform, name, backfill }) => ({ id, platform, name, backfill }));
}
