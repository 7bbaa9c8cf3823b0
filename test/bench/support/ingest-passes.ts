/** Writes synthetic rows the way the sync consumer does: one tenant-scoped transaction per (account, window). */
import { sql } from 'drizzle-orm';
import { type Database, rowsOf, withTenant } from '../../../db/database';
import { bumpDataVersion, type DailyStatRow, rebuildRollups, upsertDailyStats } from '../../../db/queries/ingest';
import { upsertEntities } from '../../../db/queries/sync';
import { PLATFORMS } from '../../../db/schema/enum-values';
import { createTestAdAccount, createTestTenant } from '../../../db/testing/factories';
import { backfillChunks } from '../../../worker/jobs/windows';
import { addDays, type DateWindow } from '../../../worker/lib/dates';
import type { BenchDatabase } from './bench-database';
import type { IngestSize } from './options';
import { type SyntheticAccountShape, syntheticCampaigns, syntheticRows } from './synthetic-rows';

/** The last date of every synthetic history: fixed so runs are comparable. */
export const BENCH_END_DATE = '2026-11-28';

export type BenchAccount = { id: string; shape: SyntheticAccountShape };
export type BenchTenant = { tenantId: string; accounts: BenchAccount[]; history: DateWindow };
export type PassJob = { account: BenchAccount; window: DateWindow; rows: () => DailyStatRow[] };
export type PassResult = {
  rows: number;
  changed: number;
  windows: number;
  ms: number;
  windowMs: number[];
  /** Time inside upsertDailyStats and inside rebuildRollups (the rest: BEGIN, set_config, data version, COMMIT). */
  upsertMs: number;
  rollupMs: number;
};
type WindowTimings = { changed: number; upsertMs: number; rollupMs: number };

/** A tenant, its ad accounts (test factories) and their named campaigns, written as the superuser outside any timing. */
export async function createBenchTenant(database: BenchDatabase, size: IngestSize, accountIndexOffset = 0): Promise<BenchTenant> {
  const tenant = await createTestTenant(database.db, { name: 'Bench tenant' });
  const accounts: BenchAccount[] = [];
  for (let i = 0; i < size.accounts; i++) {
    const accountIndex = accountIndexOffset + i;
    const account = await createTestAdAccount(database.db, tenant.id, {
      platform: PLATFORMS[i % PLATFORMS.length]!,
      externalId: `bench-${accountIndex}`,
      name: `Bench account ${accountIndex}`,
      currency: i % 5 === 4 ? 'EUR' : 'USD',
    });
    const shape = { accountIndex, adsPerAccount: size.adsPerAccount, campaignsPerAccount: size.campaignsPerAccount };
    await withTenant(database.db, tenant.id, (tx) =>
      upsertEntities(tx, account.id, { campaigns: syntheticCampaigns(shape), adGroups: [], ads: [] }),
    );
    accounts.push({ id: account.id, shape });
  }
  return { tenantId: tenant.id, accounts, history: { from: addDays(BENCH_END_DATE, -(size.days - 1)), to: BENCH_END_DATE } };
}

/** Per account, the window split into backfill chunks (newest first, as the pipeline enqueues them). */
export function windowJobs(
  tenant: BenchTenant,
  window: DateWindow,
  windowDays: number,
  transform = (rows: DailyStatRow[]) => rows,
): PassJob[] {
  return tenant.accounts.flatMap((account) =>
    backfillChunks(window, windowDays).map((chunk) => ({
      account,
      window: chunk,
      rows: () => transform(syntheticRows(account.shape, chunk)),
    })),
  );
}

/** The sync consumer's write: facts, rollups of the window, data version; returns rows inserted or changed. */
export function ingestWindow(
  db: Database,
  tenantId: string,
  adAccountId: string,
  rows: readonly DailyStatRow[],
  window: DateWindow,
): Promise<WindowTimings> {
  return withTenant(db, tenantId, async (tx) => {
    const started = performance.now();
    const changed = await upsertDailyStats(tx, adAccountId, rows);
    const upserted = performance.now();
    await rebuildRollups(tx, adAccountId, window.from, window.to);
    const rolledUp = performance.now();
    await bumpDataVersion(tx);
    return { changed, upsertMs: upserted - started, rollupMs: rolledUp - upserted };
  });
}

/** Runs the jobs one after another; only the transactions are timed, not generating the rows. */
export async function runPass(db: Database, tenantId: string, jobs: readonly PassJob[]): Promise<PassResult> {
  const result: PassResult = { rows: 0, changed: 0, windows: 0, ms: 0, windowMs: [], upsertMs: 0, rollupMs: 0 };
  for (const job of jobs) {
    const rows = job.rows();
    const started = performance.now();
    const timings = await ingestWindow(db, tenantId, job.account.id, rows, job.window);
    const ms = performance.now() - started;
    result.changed += timings.changed;
    result.upsertMs += timings.upsertMs;
    result.rollupMs += timings.rollupMs;
    result.rows += rows.length;
    result.windows += 1;
    result.ms += ms;
    result.windowMs.push(ms);
  }
  return result;
}

/** Rollup sums that differ from a GROUP BY over the facts (0 when the rollups are right). */
export async function countRollupMismatches(db: Database, tenantId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with facts as (
      select ad_account_id, date, sum(impressions) as impressions, sum(spend_micros) as spend, sum(conversions) as conversions
      from ad_stats_daily where tenant_id = ${tenantId} group by 1, 2)
    select count(*)::int as n from facts f
    full join (select * from account_daily where tenant_id = ${tenantId}) a on a.ad_account_id = f.ad_account_id and a.date = f.date
    where a.ad_account_id is null or f.ad_account_id is null
       or (a.impressions, a.spend_micros, a.conversions) is distinct from (f.impressions, f.spend, f.conversions)`),
  );
  return row?.n ?? -1;
}

/** Row counts (all tenants) and sizes on disk (heap + indexes + toast) of the fact and rollup tables. */
export async function tableSizes(db: Database): Promise<Array<{ table: string; rows: number; size: string }>> {
  const sizes = [];
  for (const table of ['ad_stats_daily', 'campaign_daily', 'account_daily']) {
    const [row] = rowsOf<{ rows: number; size: string }>(
      await db.execute(sql`
      select (select count(*)::int from ${sql.identifier(table)}) as rows, pg_size_pretty(pg_total_relation_size(${table}::regclass)) as size`),
    );
    sizes.push({ table, rows: row?.rows ?? 0, size: row?.size ?? '?' });
  }
  return sizes;
}
