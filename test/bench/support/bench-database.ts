import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../db/database';
import { startTestDatabase, type TestDatabase } from '../../../db/testing/test-database';

export type BenchDatabase = TestDatabase;

/**
 * A fresh migrated embedded Postgres (temp dir, free port, app role) for `fn`, stopped afterwards
 * even when `fn` throws or the run is interrupted: a postmaster outlives Node otherwise (STACK.md P12).
 */
export async function withBenchDatabase<T>(fn: (database: BenchDatabase) => Promise<T>): Promise<T> {
  const database = await startTestDatabase();
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping embedded Postgres`);
    void database.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(database);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database.stop();
  }
}

export async function postgresVersion(database: BenchDatabase): Promise<string> {
  const [row] = rowsOf<{ v: string }>(await database.db.execute(sql`select current_setting('server_version') as v`));
  return row?.v ?? 'unknown';
}

/** True when the module is the script node was started with (`npx tsx test/bench/x.ts`). */
export function isEntryPoint(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(process.argv[1]!).href;
}

/** Runs a benchmark's main and exits non-zero with the message when a self-check fails. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
