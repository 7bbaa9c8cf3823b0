import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from './database';
import * as schema from './schema';

/** A drizzle database over node-postgres, for Node-side code (seed, migrations tooling, tests). */
export function createNodeDb(databaseUrl: string, maxConnections = 4): { db: Database; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  return { db: drizzle({ client: pool, schema }), close: () => pool.end() };
}
