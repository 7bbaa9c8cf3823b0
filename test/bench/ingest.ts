/**
 * Ingest rate including rollup maintenance, on embedded Postgres as the app role (RLS on):
 * an initial load, an idempotent replay of the same rows, and a restatement of the last 28 days.
 * Run alone: npx tsx test/bench/ingest.ts [--quick] [--accounts=20 --ads=200 --days=90]
 */

import { type BenchDatabase, isEntryPoint, postgresVersion, runMain, withBenchDatabase } from './support/bench-database';
import {
  type BenchTenant,
  countRollupMismatches,
  createBenchTenant,
  type PassResult,
  runPass,
  tableSizes,
  windowJobs,
} from './support/ingest-passes';
import { type BenchOptions, describeIngestSize, parseBenchOptions } from './support/options';
import { formatNumber, formatTable, ratePerSecond, summarize } from './support/stats';
import { restateConversions, trailingDays } from './support/synthetic-rows';

function passRow(label: string, pass: PassResult): string[] {
  const windows = summarize(pass.windowMs);
  return [
    label,
    formatNumber(pass.rows),
    formatNumber(pass.windows),
    formatNumber(pass.changed),
    formatNumber(pass.ms / 1000, 1),
    formatNumber(ratePerSecond(pass.rows, pass.ms)),
    formatNumber(windows.p50, 1),
    formatNumber(windows.p95, 1),
    `${percentOf(pass.upsertMs, pass.ms)} / ${percentOf(pass.rollupMs, pass.ms)}`,
  ];
}

const percentOf = (part: number, whole: number) => `${whole > 0 ? Math.round((100 * part) / whole) : 0}%`;

/** Loads one tenant, replays and restates it, prints the figures; returns the loaded tenant for the dashboard benchmark. */
export async function runIngestBenchmark(database: BenchDatabase, options: BenchOptions): Promise<BenchTenant> {
  const size = options.ingest;
  console.log('\n## Ingest: upsert facts + rebuild rollups + bump data version, one transaction per (account, window)');
  console.log(`size: ${describeIngestSize(size)}; ${size.windowDays}-day windows`);
  console.log(
    `Postgres ${await postgresVersion(database)} (embedded, default settings, TCP on 127.0.0.1); driver: node-postgres (pg) as tidemark_app with ` +
      'row-level security on, one connection, windows in sequence. The Worker writes through @neondatabase/serverless over ' +
      'a WebSocket instead, one round trip per statement (BEGIN, set_config, an upsert per 5,000 rows, 4 rollup statements, ' +
      'the version bump, COMMIT): add those round trips for a production estimate.',
  );

  const tenant = await createBenchTenant(database, size);
  const initial = await runPass(database.appDb, tenant.tenantId, windowJobs(tenant, tenant.history, size.windowDays));
  const replay = await runPass(database.appDb, tenant.tenantId, windowJobs(tenant, tenant.history, size.windowDays));
  const restated = trailingDays(tenant.history, size.restatementDays);
  const restatement = await runPass(
    database.appDb,
    tenant.tenantId,
    windowJobs(tenant, restated, size.restatementDays, restateConversions),
  );

  console.log(
    formatTable(
      ['pass', 'rows', 'windows', 'rows changed', 'seconds', 'rows/s', 'p50 ms/window', 'p95 ms/window', 'upsert / rollups'],
      [
        passRow('initial load', initial),
        passRow('replay (same rows)', replay),
        passRow(`restatement (last ${size.restatementDays} days, conversions)`, restatement),
      ],
    ),
  );
  for (const { table, rows, size: bytes } of await tableSizes(database.db)) console.log(`  ${table}: ${formatNumber(rows)} rows, ${bytes}`);

  const mismatches = await countRollupMismatches(database.db, tenant.tenantId);
  console.log(
    `checks: replay changed ${replay.changed} rows (expected 0); account_daily rows that disagree with the facts: ${mismatches} (expected 0)`,
  );
  if (replay.changed !== 0) throw new Error(`replay changed ${replay.changed} rows: the upsert is not idempotent`);
  if (restatement.changed !== restatement.rows) throw new Error(`restatement changed ${restatement.changed} of ${restatement.rows} rows`);
  if (mismatches !== 0) throw new Error(`${mismatches} account_daily rows disagree with the facts`);
  return tenant;
}

if (isEntryPoint(import.meta.url)) {
  runMain(async () => {
    const options = parseBenchOptions(process.argv.slice(2), process.env);
    await withBenchDatabase((database) => runIngestBenchmark(database, options));
  });
}
