import { and, eq } from 'drizzle-orm';
import { type Database, withTenant } from '../client';
import { adAccounts, connections, tenants } from '../schema';
import type { Platform } from '../schema/enums';

export interface SyncTarget {
  tenantId: string;
  adAccountId: string;
  platform: Platform;
  timeZone: string;
}

/**
 * Every enabled ad account whose connection is active, tenant by tenant. Each tenant is read
 * inside its own RLS-scoped transaction: the scheduler gets no wider view of the data than a
 * request does.
 */
export async function listSyncTargets(db: Database): Promise<SyncTarget[]> {
  const active = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active'));
  const targets: SyncTarget[] = [];
  for (const { id: tenantId } of active) {
    const rows = await withTenant(db, tenantId, (tx) =>
      tx
        .select({ adAccountId: adAccounts.id, platform: adAccounts.platform, timeZone: adAccounts.timeZone })
        .from(adAccounts)
        .innerJoin(connections, eq(connections.id, adAccounts.connectionId))
        .where(and(eq(adAccounts.tenantId, tenantId), eq(adAccounts.enabled, true), eq(connections.status, 'active'))),
    );
    for (const row of rows) targets.push({ tenantId, ...row });
  }
  return targets;
}
