import { eq, param, sql } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { accountDaily, adAccounts, adStatsDaily, adStatsHourly, campaignDaily, tenants } from '../schema';
import { chunk, type DailyStatRow, dedupeDailyStatRows } from './daily-stat-rows';

export type { DailyStatRow } from './daily-stat-rows';

/** Rows per statement: each column travels as one array parameter, so this bounds message size only. */
const UPSERT_BATCH_ROWS = 5000;

const FACT_VALUE_COLUMNS = [
  'campaign_id',
  'ad_group_id',
  'impressions',
  'clicks',
  'spend_micros',
  'conversions',
  'conversion_value_micros',
  'extras',
] as const;

const CHANGED = sql.raw(
  `(${FACT_VALUE_COLUMNS.map((c) => `ad_stats_daily.${c}`).join(', ')}) is distinct from (${FACT_VALUE_COLUMNS.map((c) => `excluded.${c}`).join(', ')})`,
);
const CHANGED_HOURLY = sql.raw(
  `(${FACT_VALUE_COLUMNS.map((c) => `ad_stats_hourly.${c}`).join(', ')}) is distinct from (${FACT_VALUE_COLUMNS.map((c) => `excluded.${c}`).join(', ')})`,
);
const UPDATE_SET = sql.raw(FACT_VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '));

/**
 * Idempotent upsert of daily facts for one ad account. A row whose values did not change is not
 * rewritten (its synced_at stays), so replaying a sync leaves the table byte-for-byte identical.
 * Columns are sent as arrays and expanded with unnest: one statement per batch, and no per-row SQL
 * to build on the client (building a 6,000-row VALUES list cost more than the database work).
 * Returns how many rows were inserted or changed.
 */
export async function upsertDailyStats(tx: TenantTx, adAccountId: string, rows: readonly DailyStatRow[]): Promise<number> {
  const { db, tenantId } = tx;
  let written = 0;
  for (const batch of chunk(dedupeDailyStatRows(rows), UPSERT_BATCH_ROWS)) {
    const column = <T>(pick: (row: DailyStatRow) => T) => param(batch.map(pick));
    const result = await db.execute(sql`
      insert into ${adStatsDaily} (tenant_id, ad_account_id, campaign_id, ad_group_id, ad_id, date,
        impressions, clicks, spend_micros, conversions, conversion_value_micros, extras)
      select ${tenantId}::uuid, ${adAccountId}::uuid, r.campaign_id, r.ad_group_id, r.ad_id, r.date,
        r.impressions, r.clicks, r.spend_micros, r.conversions, r.conversion_value_micros, r.extras::jsonb
      from unnest(
        ${column((r) => r.campaignId)}::text[], ${column((r) => r.adGroupId)}::text[], ${column((r) => r.adId)}::text[],
        ${column((r) => r.date)}::date[], ${column((r) => r.impressions)}::bigint[], ${column((r) => r.clicks)}::bigint[],
        ${column((r) => r.spendMicros)}::bigint[], ${column((r) => r.conversions)}::numeric[],
        ${column((r) => r.conversionValueMicros)}::bigint[], ${column((r) => JSON.stringify(r.extras ?? {}))}::text[]
      ) as r(campaign_id, ad_group_id, ad_id, date, impressions, clicks, spend_micros, conversions, conversion_value_micros, extras)
      on conflict (tenant_id, ad_account_id, ad_id, date)
      do update set ${UPDATE_SET}, synced_at = now()
      where ${CHANGED}`);
    written += (result as unknown as { rowCount: number | null }).rowCount ?? 0;
  }
  return written;
}

export type HourlyStatRow = DailyStatRow & { hour: number };

/**
 * Idempotent upsert of today's hourly rows (pacing), the same way as the daily facts: one
 * statement per batch, unchanged rows left alone.
 */
export async function upsertHourlyStats(tx: TenantTx, adAccountId: string, rows: readonly HourlyStatRow[]): Promise<number> {
  const { db, tenantId } = tx;
  const byKey = new Map<string, HourlyStatRow>();
  for (const row of rows) byKey.set(`${row.adId}\u0000${row.date}\u0000${row.hour}`, row);
  let written = 0;
  for (const batch of chunk([...byKey.values()], UPSERT_BATCH_ROWS)) {
    const column = <T>(pick: (row: HourlyStatRow) => T) => param(batch.map(pick));
    const result = await db.execute(sql`
      insert into ${adStatsHourly} (tenant_id, ad_account_id, campaign_id, ad_group_id, ad_id, date, hour,
        impressions, clicks, spend_micros, conversions, conversion_value_micros, extras)
      select ${tenantId}::uuid, ${adAccountId}::uuid, r.campaign_id, r.ad_group_id, r.ad_id, r.date, r.hour,
        r.impressions, r.clicks, r.spend_micros, r.conversions, r.conversion_value_micros, r.extras::jsonb
      from unnest(
        ${column((r) => r.campaignId)}::text[], ${column((r) => r.adGroupId)}::text[], ${column((r) => r.adId)}::text[],
        ${column((r) => r.date)}::date[], ${column((r) => r.hour)}::smallint[], ${column((r) => r.impressions)}::bigint[],
        ${column((r) => r.clicks)}::bigint[], ${column((r) => r.spendMicros)}::bigint[], ${column((r) => r.conversions)}::numeric[],
        ${column((r) => r.conversionValueMicros)}::bigint[], ${column((r) => JSON.stringify(r.extras ?? {}))}::text[]
      ) as r(campaign_id, ad_group_id, ad_id, date, hour, impressions, clicks, spend_micros, conversions, conversion_value_micros, extras)
      on conflict (tenant_id, ad_account_id, ad_id, date, hour)
      do update set ${UPDATE_SET}, synced_at = now()
      where ${CHANGED_HOURLY}`);
    written += (result as unknown as { rowCount: number | null }).rowCount ?? 0;
  }
  return written;
}

/**
 * Rebuilds campaign_daily and account_daily for one ad account and an inclusive date window
 * from the facts: delete the window's rollup rows, re-insert the sums. Run it in the sync's
 * transaction so dashboards never see half a window.
 */
export async function rebuildRollups(tx: TenantTx, adAccountId: string, from: string, to: string): Promise<void> {
  const { db, tenantId } = tx;
  const window = sql`tenant_id = ${tenantId} and ad_account_id = ${adAccountId} and date between ${from} and ${to}`;
  await db.execute(sql`delete from ${campaignDaily} where ${window}`);
  await db.execute(sql`delete from ${accountDaily} where ${window}`);

  const sums = sql`sum(f.impressions), sum(f.clicks), sum(f.spend_micros), sum(f.conversions), sum(f.conversion_value_micros)`;
  const facts = sql`from ${adStatsDaily} f
    join ${adAccounts} a on a.id = f.ad_account_id and a.tenant_id = f.tenant_id
    where f.tenant_id = ${tenantId} and f.ad_account_id = ${adAccountId} and f.date between ${from} and ${to}`;
  await db.execute(sql`
    insert into ${campaignDaily}
      (tenant_id, ad_account_id, campaign_id, date, currency, impressions, clicks, spend_micros, conversions, conversion_value_micros)
    select f.tenant_id, f.ad_account_id, f.campaign_id, f.date, a.currency, ${sums}
    ${facts}
    group by f.tenant_id, f.ad_account_id, f.campaign_id, f.date, a.currency`);
  await db.execute(sql`
    insert into ${accountDaily}
      (tenant_id, ad_account_id, date, currency, impressions, clicks, spend_micros, conversions, conversion_value_micros)
    select f.tenant_id, f.ad_account_id, f.date, a.currency, ${sums}
    ${facts}
    group by f.tenant_id, f.ad_account_id, f.date, a.currency`);
}

/** Marks the tenant's data as changed (part of every dashboard cache key); returns the new version. */
export async function bumpDataVersion(tx: TenantTx): Promise<number> {
  const { db, tenantId } = tx;
  const [row] = await db
    .update(tenants)
    .set({ dataVersion: sql`${tenants.dataVersion} + 1` })
    .where(eq(tenants.id, tenantId))
    .returning({ dataVersion: tenants.dataVersion });
  if (!row) throw new Error(`bumpDataVersion: no tenant ${tenantId}`);
  return row.dataVersion;
}
