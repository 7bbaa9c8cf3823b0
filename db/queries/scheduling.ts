import { and, eq } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { adAccounts, connections } from '../schema';
import type { Platform } from '../schema/enums';

export interface SyncTarget {
  tenantId: string;
  adAccountId: string;
  platform: Platform;
  timeZone: string;
}

/** The tenant's enabled ad accounts whose connection is active: what the cron may sync. */
export async function listSyncableAdAccounts(tx: TenantTx): Promise<SyncTarget[]> {
  const rows = await tx.db
    .select({ adAccountId: adAccounts.id, platform: adAccounts.platform, timeZone: adAccounts.timeZone })
    .from(adAccounts)
    .innerJoin(connections, eq(connections.id, adAccounts.connectionId))
    .where(and(eq(adAccounts.tenantId, tx.tenantId), eq(adAccounts.enabled, true), eq(connections.status, 'active')));
  return rows.map((row) => ({ tenantId: tx.tenantId, ...row }));
}
