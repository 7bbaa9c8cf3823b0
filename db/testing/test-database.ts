import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pgDriver from 'pg';
import { startEmbeddedPostgres } from '../../dev/postgres/embedded';
import { findFreePort } from '../../dev/postgres/free-port';
import type { Database } from '../database';
import { appRoleUrl, ensureAppRole, migrateDatabase } from '../migrate';
import { createNodeDb } from '../node-client';

export type TestDatabase = {
  superuserUrl: string;
  appUrl: string;
  /** Superuser: bypasses RLS; for arranging data. */
  db: Database;
  /** The application role: subject to RLS exactly like the Worker. */
  appDb: Database;
  stop(): Promise<void>;
};

/**
 * pg's Pool.end() resolves before its clients' sockets close; stopping Postgres in that gap
 * kills them with 57P01, which surfaces as an uncaught error in the test run.
 */
async function waitForClientsToDisconnect(superuserUrl: string, timeoutMs = 3000): Promise<void> {
  const client = new pgDriver.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query(
        `select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      if (rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}

/** A fresh, migrated embedded Postgres for one test file; call stop() in afterAll. */
export async function startTestDatabase(): Promise<TestDatabase> {
  const appPassword = `app-${randomUUID()}`;
  const pg = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `tidemark-test-pg-${randomUUID()}`),
    port: await findFreePort(),
    persistent: false,
  });
  try {
    await migrateDatabase(pg.url);
    await ensureAppRole(pg.url, appPassword);
  } catch (error) {
    await pg.stop();
    throw error;
  }
  const appUrl = appRoleUrl(pg.url, appPassword);
  const superuser = createNodeDb(pg.url);
  const app = createNodeDb(appUrl);
  return {
    superuserUrl: pg.url,
    appUrl,
    db: superuser.db,
    appDb: app.db,
    async stop() {
      await Promise.allSettled([superuser.close(), app.close()]);
      await waitForClientsToDisconnect(pg.url);
      await pg.stop();
    },
  };
}
