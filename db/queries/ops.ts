import { and, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { adAccounts, deadLetters, syncRuns, tenants } from '../schema';
import type { Platform } from '../schema/enums';

/** A tenant by id or slug, for operator tools (which act across tenants). */
export async function findTenantByRef(db: Database, ref: string): Promise<{ id: string; slug: string; name: string } | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [row] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(isUuid ? or(eq(tenants.id, ref), eq(tenants.slug, ref)) : eq(tenants.slug, ref));
  return row ?? null;
}

export async function listTenantAdAccounts(tx: Database, tenantId: string, platform?: Platform) {
  return tx
    .select({
      id: adAccounts.id,
      platform: adAccounts.platform,
      externalId: adAccounts.externalId,
      name: adAccounts.name,
      timeZone: adAccounts.timeZone,
      enabled: adAccounts.enabled,
    })
    .from(adAccounts)
    .where(and(eq(adAccounts.tenantId, tenantId), platform ? eq(adAccounts.platform, platform) : undefined));
}

export async function listSyncRunsSince(tx: Database, tenantId: string, since: Date) {
  return tx
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
    .where(and(eq(syncRuns.tenantId, tenantId), gte(syncRuns.startedAt, since)))
    .orderBy(desc(syncRuns.startedAt))
    .limit(500);
}

/** Marks dead letters re-driven and returns their bodies for re-enqueueing. */
export async function takeDeadLettersForRedrive(db: Database, ids: string[] | 'all'): Promise<Array<{ id: string; body: unknown }>> {
  return db
    .update(deadLetters)
    .set({ redrivenAt: sql`now()` })
    .where(and(sql`${deadLetters.redrivenAt} is null`, ids === 'all' ? undefined : inArray(deadLetters.id, ids)))
    .returning({ id: deadLetters.id, body: deadLetters.body });
}
