import { eq, param, sql } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { accountDaily, adAccounts, adStatsDaily, campaignDaily, tenants } from '../schema';
import { chunk, type DailyStatRow, dedupeDailyStatRows } from './daily-stat-rows';

export type { DailyStatRow } from './daily-stat-rows';

/** Rows per statement: each column travels as one array parameter, so this bounds message size only. */
const UPSERT_BATCH_ROWS = 5000;

export type HourlyStatRow = DailyStatRow & { hour: number };

/** One column of a fact table as it travels: a Postgres array type and how to read it off a row. */
interface FactColumn<R> {
  name: string;
  type: string;
  pick: (row: R) => unknown;
}

/** A fact table the upsert writes: its columns after tenant and ad account, and its natural key. */
interface FactTable<R extends DailyStatRow> {
  name: 'ad_stats_daily' | 'ad_stats_hourly';
  columns: readonly FactColumn<R>[];
  /** The primary key after (tenant_id, ad_account_id). */
  key: readonly string[];
  /** Keeps the last row per key: Postgres refuses an upsert that touches one key twice in a statement. */
  dedupe: (rows: readonly R[]) => R[];
}

const ID_COLUMNS: FactColumn<DailyStatRow>[] = [
  { name: 'campaign_id', type: 'text', pick: (r) => r.campaignId },
  { name: 'ad_group_id', type: 'text', pick: (r) => r.adGroupId },
  { name: 'ad_id', type: 'text', pick: (r) => r.adId },
  { name: 'date', type: 'date', pick: (r) => r.date },
];
/** The columns an upsert may change; a row whose values all match is left alone. */
const VALUE_COLUMNS: FactColumn<DailyStatRow>[] = [
  { name: 'impressions', type: 'bigint', pick: (r) => r.impressions },
  { name: 'clicks', type: 'bigint', pick: (r) => r.clicks },
  { name: 'spend_micros', type: 'bigint', pick: (r) => r.spendMicros },
  { name: 'conversions', type: 'numeric', pick: (r) => r.conversions },
  { name: 'conversion_value_micros', type: 'bigint', pick: (r) => r.conversionValueMicros },
  // Travels as text; the insert casts it to jsonb row by row.
  { name: 'extras', type: 'text', pick: (r) => JSON.stringify(r.extras ?? {}) },
];
const CHANGEABLE = ['campaign_id', 'ad_group_id', ...VALUE_COLUMNS.map((c) => c.name)];

const DAILY: FactTable<DailyStatRow> = {
  name: 'ad_stats_daily',
  columns: [...ID_COLUMNS, ...VALUE_COLUMNS],
  key: ['ad_id', 'date'],
  dedupe: dedupeDailyStatRows,
};
const HOURLY: FactTable<HourlyStatRow> = {
  name: 'ad_stats_hourly',
  columns: [...ID_COLUMNS, { name: 'hour', type: 'smallint', pick: (r) => r.hour }, ...VALUE_COLUMNS],
  key: ['ad_id', 'date', 'hour'],
  dedupe: (rows) => [...new Map(rows.map((r) => [`${r.adId}\u0000${r.date}\u0000${r.hour}`, r])).values()],
};

/**
 * Idempotent upsert of facts for one ad account. A row whose values did not change is not
 * rewritten (its synced_at stays), so replaying a sync leaves the table byte-for-byte identical.
 * Columns are sent as arrays and expanded with unnest: one statement per batch, and no per-row SQL
 * to build on the client (building a 6,000-row VALUES list cost more than the database work).
 * Of several rows with the same key the last wins. Returns how many rows were inserted or changed.
 */
async function upsertFacts<R extends DailyStatRow>(
  tx: TenantTx,
  table: FactTable<R>,
  adAccountId: string,
  rows: readonly R[],
): Promise<number> {
  const { db, tenantId } = tx;
  const names = table.columns.map((c) => c.name);
  const target = sql.identifier(table.name);
  const list = (items: string[], render: (name: string) => string) => sql.raw(items.map(render).join(', '));
  let written = 0;
  for (const batch of chunk(table.dedupe(rows), UPSERT_BATCH_ROWS)) {
    const arrays = sql.join(
      table.columns.map((c) => sql`${param(batch.map(c.pick))}::${sql.raw(c.type)}[]`),
      sql`, `,
    );
    const result = await db.execute(sql`
      insert into ${target} (tenant_id, ad_account_id, ${list(names, (n) => n)})
      select ${tenantId}::uuid, ${adAccountId}::uuid, ${list(names, (n) => (n === 'extras' ? 'r.extras::jsonb' : `r.${n}`))}
      from unnest(${arrays}) as r(${list(names, (n) => n)})
      on conflict (tenant_id, ad_account_id, ${list([...table.key], (n) => n)})
      do update set ${list(CHANGEABLE, (n) => `${n} = excluded.${n}`)}, synced_at = now()
      where (${list(CHANGEABLE, (n) => `${table.name}.${n}`)}) is distinct from (${list(CHANGEABLE, (n) => `excluded.${n}`)})`);
    written += (result as unknown as { rowCount: number | null }).rowCount ?? 0;
  }
  return written;
}

/** Daily facts of one ad account (see upsertFacts). */
export function upsertDailyStats(tx: TenantTx, adAccountId: string, rows: readonly DailyStatRow[]): Promise<number> {
  return upsertFacts(tx, DAILY, adAccountId, rows);
}

/** Today's hourly rows of one ad account, for pacing (see upsertFacts). */
export function upsertHourlyStats(tx: TenantTx, adAccountId: string, rows: readonly HourlyStatRow[]): Promise<number> {
  return upsertFacts(tx, HOURLY, adAccountId, rows);
}

/**
 * Serializes every write of one (tenant, ad account) until the calling transaction ends. The hot,
 * settling and backfill consumers run in parallel and their windows overlap; under READ COMMITTED
 * two rollup rebuilds of the same days would each delete the rows the other had not committed yet
 * and then both insert, failing on campaign_daily_pkey. The key is a 64-bit hash of the pair
 * (hashtextextended, the same on every connection of one server); a collision only makes two
 * accounts wait for each other, never lets two writers of one account through. Re-entrant within
 * a transaction, so callers may take it more than once.
 */
export async function lockAdAccountWrites(tx: TenantTx, adAccountId: string): Promise<void> {
  const { db, tenantId } = tx;
  const key = `ad-account-writes:${tenantId}:${adAccountId}`;
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/**
 * Rebuilds campaign_daily and account_daily for one ad account and an inclusive date window
 * from the facts: delete the window's rollup rows, re-insert the sums. Run it in the sync's
 * transaction so dashboards never see half a window. Takes the account's write lock itself
 * (see lockAdAccountWrites), so overlapping windows rebuild one after the other.
 */
export async function rebuildRollups(tx: TenantTx, adAccountId: string, from: string, to: string): Promise<void> {
  const { db, tenantId } = tx;
  await lockAdAccountWrites(tx, adAccountId);
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
