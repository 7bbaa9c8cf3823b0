import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
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
      await pg.stop();
    },
  };
}
