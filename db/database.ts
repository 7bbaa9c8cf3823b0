import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;

/** Any drizzle Postgres database or transaction over our schema (neon-serverless in the Worker, node-postgres in Node). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * Runs `fn` in a transaction scoped to one tenant: row-level security then shows and accepts only
 * that tenant's rows. `set_config(..., true)` is transaction-local, so pooled connections never leak it.
 */
export async function withTenant<T>(db: Database, tenantId: string, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}

/** Rows of a raw `db.execute()` result; both drivers we use return pg-style `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
