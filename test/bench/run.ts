/**
 * `npm run bench`: every benchmark in sequence, figures printed at a stated size; no pass/fail on timings
 * (a benchmark exits non-zero only when a self-check fails, e.g. a replay that changed rows).
 * Flags apply to all: --quick, --accounts=N, --ads=N, --campaigns=N, --days=N, --window-days=N, --runs=N, --neighbours=N.
 */
import { runCallEconomyBenchmark } from './call-economy';
import { runDashboardBenchmark } from './dashboard-queries';
import { runIngestBenchmark } from './ingest';
import { runMain, withBenchDatabase } from './support/bench-database';
import { describeIngestSize, parseBenchOptions } from './support/options';

runMain(async () => {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const started = performance.now();
  console.log(`# Tidemark benchmarks (${options.quick ? 'quick' : 'default'} size: ${describeIngestSize(options.ingest)})`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  // The dashboard benchmark reads what the ingest benchmark loaded: one database for both.
  await withBenchDatabase(async (database) => {
    const tenant = await runIngestBenchmark(database, options);
    await runDashboardBenchmark(database, tenant, options);
  });
  await runCallEconomyBenchmark();
  console.log(`\nall benchmarks done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
});
