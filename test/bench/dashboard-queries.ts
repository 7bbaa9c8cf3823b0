/**
 * Dashboard query latency on the rollups, as the app role under RLS: getOverviewKpis, listSpendByDay
 * and listCampaignPerformance over 7/28/90-day ranges, plus one EXPLAIN (ANALYZE, BUFFERS).
 * Run alone (loads its own data first): npx tsx test/bench/dashboard-queries.ts [--quick] [--runs=50]
 */
import { sql } from 'drizzle-orm';
import { type Database, type TenantTx, withTenant } from '../../db/database';
import { type DashboardRange, getOverviewKpis, listCampaignPerformance, listSpendByDay } from '../../db/queries/dashboard';
import { addDays, windowLength } from '../../worker/lib/dates';
import { type BenchDatabase, isEntryPoint, postgresVersion, runMain, withBenchDatabase } from './support/bench-database';
import { explainAnalyze } from './support/explain';
import { type BenchTenant, createBenchTenant, runPass, tableSizes, windowJobs } from './support/ingest-passes';
import { type BenchOptions, describeIngestSize, type IngestSize, parseBenchOptions } from './support/options';
import { formatNumber, formatTable, ratePerSecond, summarize } from './support/stats';

const RANGE_DAYS = [7, 28, 90];
const WARM_UP_RUNS = 3;
const NEIGHBOUR_SIZE = { accounts: 5, adsPerAccount: 20, campaignsPerAccount: 20, windowDays: 30 };

const QUERIES: Record<string, (tx: TenantTx, range: DashboardRange) => Promise<unknown[]>> = {
  getOverviewKpis,
  listSpendByDay,
  listCampaignPerformance,
};

/** Loads a tenant through the ingest path (no figures but the load rate), for running this benchmark alone. */
export async function loadBenchTenant(database: BenchDatabase, size: IngestSize): Promise<BenchTenant> {
  const tenant = await createBenchTenant(database, size);
  const pass = await runPass(database.appDb, tenant.tenantId, windowJobs(tenant, tenant.history, size.windowDays));
  console.log(
    `loaded ${formatNumber(pass.rows)} rows in ${formatNumber(pass.ms / 1000, 1)} s (${formatNumber(ratePerSecond(pass.rows, pass.ms))} rows/s)`,
  );
  return tenant;
}

/** Other tenants in the same tables, so the tenant-leading indexes have rows to skip, as in production. */
async function loadNeighbours(database: BenchDatabase, count: number, days: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const size = { ...NEIGHBOUR_SIZE, days, restatementDays: 0 };
    const tenant = await createBenchTenant(database, size, 1000 + n * NEIGHBOUR_SIZE.accounts);
    await runPass(database.appDb, tenant.tenantId, windowJobs(tenant, tenant.history, size.windowDays));
  }
}

async function latencies(db: Database, tenantId: string, query: (typeof QUERIES)[string], range: DashboardRange, runs: number) {
  const call = () => withTenant(db, tenantId, (tx) => query(tx, range));
  for (let i = 0; i < WARM_UP_RUNS; i++) await call();
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows = (await call()).length;
    samples.push(performance.now() - started);
  }
  if (rows === 0) throw new Error(`${query.name} returned no rows for ${range.from}..${range.to}: nothing was measured`);
  return { ...summarize(samples), rows };
}

export async function runDashboardBenchmark(database: BenchDatabase, tenant: BenchTenant, options: BenchOptions): Promise<void> {
  const days = windowLength(tenant.history);
  console.log('\n## Dashboard queries: db/queries/dashboard.ts on the rollups, as tidemark_app (RLS on, withTenant per call)');
  await loadNeighbours(database, options.neighbourTenants, days);
  await database.db.execute(sql`analyze`);
  console.log(
    `data: the ingest tenant (${describeIngestSize(options.ingest)}) plus ${options.neighbourTenants} neighbour tenants of ` +
      `${NEIGHBOUR_SIZE.accounts} accounts × ${NEIGHBOUR_SIZE.adsPerAccount} ads × ${days} days; tables analyzed.`,
  );
  for (const { table, rows, size } of await tableSizes(database.db))
    console.log(`  ${table}: ${formatNumber(rows)} rows (all tenants), ${size}`);
  console.log(
    `Postgres ${await postgresVersion(database)} embedded, node-postgres over TCP on 127.0.0.1; each call is BEGIN + set_config + SELECT + COMMIT ` +
      `(4 round trips); ${WARM_UP_RUNS} warm-up calls, then ${options.queryRuns} timed calls each; no result cache (the Worker adds the Cache API in front).`,
  );

  const table: string[][] = [];
  for (const [name, query] of Object.entries(QUERIES)) {
    for (const rangeDays of RANGE_DAYS.filter((d) => d <= days)) {
      const range = { from: addDays(tenant.history.to, -(rangeDays - 1)), to: tenant.history.to };
      const figures = await latencies(database.appDb, tenant.tenantId, query, range, options.queryRuns);
      table.push([
        name,
        `${rangeDays} days`,
        formatNumber(figures.rows),
        formatNumber(figures.p50, 2),
        formatNumber(figures.p95, 2),
        formatNumber(figures.max, 2),
      ]);
    }
  }
  console.log(formatTable(['query', 'range', 'rows returned', 'p50 ms', 'p95 ms', 'max ms'], table));
  const skipped = RANGE_DAYS.filter((d) => d > days);
  if (skipped.length > 0) console.log(`(ranges of ${skipped.join(', ')} days skipped: the history is ${days} days)`);

  const explainDays = Math.min(28, days);
  const range = { from: addDays(tenant.history.to, -(explainDays - 1)), to: tenant.history.to };
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) listCampaignPerformance, ${explainDays} days, as tidemark_app:`);
  const plan = await explainAnalyze(database.appUrl, tenant.tenantId, (db) =>
    withTenant(db, tenant.tenantId, (tx) => listCampaignPerformance(tx, range)),
  );
  console.log(plan);
}

if (isEntryPoint(import.meta.url)) {
  runMain(async () => {
    const options = parseBenchOptions(process.argv.slice(2), process.env);
    await withBenchDatabase(async (database) => {
      console.log(`loading ${describeIngestSize(options.ingest)} into embedded Postgres ${await postgresVersion(database)} first`);
      await runDashboardBenchmark(database, await loadBenchTenant(database, options.ingest), options);
    });
  });
}
