import { and, desc, eq, gte } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { adAccounts, syncRuns } from '../schema';
import type { Platform } from '../schema/enums';

/*
 * What the operator tools read inside one tenant (they find the tenant with
 * findTenantByRefAcrossTenants in fleet.ts first).
 */

export async function listTenantAdAccounts(tx: TenantTx, platform?: Platform) {
  return tx.db
    .select({
      id: adAccounts.id,
      platform: adAccounts.platform,
      externalId: adAccounts.externalId,
      name: adAccounts.name,
      timeZone: adAccounts.timeZone,
      enabled: adAccounts.enabled,
    })
    .from(adAccounts)
    .where(and(eq(adAccounts.tenantId, tx.tenantId), platform ? eq(adAccounts.platform, platform) : undefined));
}

export async function listSyncRunsSince(tx: TenantTx, since: Date) {
  return tx.db
    .select({
      adAccountId: syncRuns.adAccountId,
      lane: syncRuns.lane,
      windowFrom: syncRuns.windowFrom,
      windowTo: syncRuns.windowTo,
      startedAt: syncRuns.startedAt,
      finishedAt: syncRuns.finishedAt,
      outcome: syncRuns.outcome,
      apiCalls: syncRuns.apiCalls,
      rows: syncRuns.rows,
      error: syncRuns.error,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.tenantId, tx.tenantId), gte(syncRuns.startedAt, since)))
    .orderBy(desc(syncRuns.startedAt))
    .limit(500);
}
