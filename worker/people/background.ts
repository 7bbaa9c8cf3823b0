import { createDb, type Database } from '../../db/client';
import type { Config } from '../env';

/**
 * Work that outlives the response (ctx.waitUntil) on a database pool of its own: the request's pool
 * is closed as soon as the response is sent. Failures are logged by kind, never with their data.
 */
export function runAfterResponse(config: Config, ctx: Pick<ExecutionContext, 'waitUntil'>, work: (db: Database) => Promise<void>): void {
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  ctx.waitUntil(
    work(db)
      .catch((error) => console.error(JSON.stringify({ level: 'error', event: 'background-work-failed', name: (error as Error)?.name })))
      .finally(close),
  );
}
