import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { migrateDatabase } from '../../db/migrate';
import { findFreePort } from '../../dev/postgres/free-port';

/**
 * A migrated Postgres whose whole database a real `pg_dump` can read. The embedded Postgres 18 ships
 * no pg_dump, and Debian's (15) refuses newer servers; PGlite (Postgres 17.5 in wasm) comes with
 * pg_dump 17.5 compiled to wasm (@electric-sql/pglite-tools, the build matching PGlite 0.3.14). The
 * product's code reaches it over the wire protocol (pglite-socket: one connection at a time), and
 * the dump reads the same instance in-process.
 */
export interface DumpableDatabase {
  url: string;
  /** The plain-SQL dump of the whole database (schema and data), from pg_dump. */
  dump(): Promise<string>;
  stop(): Promise<void>;
}

export async function startDumpableDatabase(): Promise<DumpableDatabase> {
  const pg = new PGlite();
  await pg.waitReady;
  const port = await findFreePort();
  const server = new PGLiteSocketServer({ db: pg, port, host: '127.0.0.1' });
  await server.start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await migrateDatabase(url);
  let stopped = false;
  return {
    url,
    async dump() {
      const file = await pgDump({ pg, args: ['--no-owner'] });
      return file.text();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await pg.close();
    },
  };
}
