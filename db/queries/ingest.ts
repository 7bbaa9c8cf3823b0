import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { accountDaily, adAccounts, adStatsDaily, campaignDaily, tenants } from '../schema';
import { chunk, dedupeDailyStatRows, type DailyStatRow } from './daily-stat-rows';

export type { DailyStatRow } from './daily-stat-rows';

/** 13 parameters per row keeps a batch far below Postgres's 65,535-parameter limit. */
const UPSERT_BATCH_ROWS = 1000;

const FACT_VALUE_COLUMNS = [
  'campaign_id', 'ad_group_id', 'impressions', 'clicks', 'spend_micros', 'conversions', 'conversion_value_micros', 'extras',
] as const;

/**
 * Idempotent upsert of daily facts for one ad account. A row whose values did not change is not
 * rewritten (its synced_at stays), so replaying a sync leaves the table byte-for-byte identical.
 * Returns how many rows were inserted or changed.
 */
export async function upsertDailyStats(
  tx: Database,
  tenantId: string,
  adAccountId: string,
  rows: readonly DailyStatRow[],
): Promise<number> {
  let written = 0;
  for (const batch of chunk(dedupeDailyStatRows(rows), UPSERT_BATCH_ROWS)) {
    const result = await tx
      .insert(adStatsDaily)
      .values(batch.map((row) => ({ ...row, tenantId, adAccountId, extras: row.extras ?? {} })))
      .onConflictDoUpdate({
        target: [adStatsDaily.tenantId, adStatsDaily.adAccountId, adStatsDaily.adId, adStatsDaily.date],
        set: {
          ...Object.fromEntries(FACT_VALUE_COLUMNS.map((column) => [camel(column), sql.raw(`excluded.${column}`)])),
          syncedAt: sql`now()`,
        },
        setWhere: sql.raw(
          `(${FACT_VALUE_COLUMNS.map((c) => `ad_stats_daily.${c}`).join(', ')}) is distinct from (${FACT_VALUE_COLUMNS.map((c) => `excluded.${c}`).join(', ')})`,
        ),
      });
    written += (result as unknown as { rowCount: number | null }).rowCount ?? 0;
  }
  return written;
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Rebuilds campaign_daily and account_daily for one ad account and an inclusive date window
 * from the facts: delete the window's rollup rows, re-insert the sums. Run it in the sync's
 * transaction so dashboards never see half a window.
 */
export async function rebuildRollups(tx: Database, tenantId: string, adAccountId: string, from: string, to: string): Promise<void> {
  const window = sql`tenant_id = ${tenantId} and ad_account_id = ${adAccountId} and date between ${from} and ${to}`;
  await tx.execute(sql`delete from ${campaignDaily} where ${window}`);
  await tx.execute(sql`delete from ${accountDaily} where ${window}`);

  const sums = sql`sum(f.impressions), sum(f.clicks), sum(f.spend_micros), sum(f.conversions), sum(f.conversion_value_micros)`;
  const facts = sql`from ${adStatsDaily} f
    join ${adAccounts} a on a.id = f.ad_account_id and a.tenant_id = f.tenant_id
    where f.tenant_id = ${tenantId} and f.ad_account_id = ${adAccountId} and f.date between ${from} and ${to}`;
  await tx.execute(sql`
    insert into ${campaignDaily}
      (tenant_id, ad_account_id, campaign_id, date, currency, impressions, clicks, spend_micros, conversions, conversion_value_micros)
    select f.tenant_id, f.ad_account_id, f.campaign_id, f.date, a.currency, ${sums}
    ${facts}
    group by f.tenant_id, f.ad_account_id, f.campaign_id, f.date, a.currency`);
  await tx.execute(sql`
    insert into ${accountDaily}
      (tenant_id, ad_account_id, date, currency, impressions, clicks, spend_micros, conversions, conversion_value_micros)
    select f.tenant_id, f.ad_account_id, f.date, a.currency, ${sums}
    ${facts}
    group by f.tenant_id, f.ad_account_id, f.date, a.currency`);
}

/** Marks the tenant's data as changed (part of every dashboard cache key); returns the new version. */
export async function bumpDataVersion(tx: Database, tenantId: string): Promise<number> {
  const [row] = await tx
    .update(tenants)
    .set({ dataVersion: sql`${tenants.dataVersion} + 1` })
    .where(eq(tenants.id, tenantId))
    .returning({ dataVersion: tenants.dataVersion });
  if (!row) throw new Error(`bumpDataVersion: no tenant ${tenantId}`);
  return row.dataVersion;
}
