/**
 * The tenant scope convention (every query module follows it):
 *
 * - Every reader and writer of a row-level-security table (tenant_domains, connections,
 *   ad_accounts, campaigns, ad_groups, ads, ad_stats_daily, ad_stats_hourly, campaign_daily,
 *   account_daily, sync_runs; migration 0001) takes a `TenantTx` as its first parameter and reads
 *   the tenant id from it. There is no separate `tenantId` argument, so a caller names the tenant
 *   once, when it opens the scope: `withTenant(db, tenant.id, (tx) => listAdAccountStatus(tx))`.
 *   Functions that run inside the tenant's transaction for other reasons (bumpDataVersion) take it too.
 * - A `TenantTx` comes only from `withTenant` (it cannot be built or copied by hand), so calling such
 *   a function with a plain `Database` or a bare tenant id is a type error.
 * - Queries still filter on `tx.tenantId` explicitly: row-level security is the second wall, not the first.
 * - Code that runs across tenants is named for it and lives in db/queries/fleet.ts: the scheduler's
 *   targets (one `withTenant` per tenant through `forEachTenant`), operator lookups, dead letters and
 *   the custom-hostname lookup that runs before a tenant is known.
 * - memberships (migration 0008) has a user scope besides the tenant one: `withUser` shows the user's
 *   own memberships, read-only (sign-in and the tenant picker run before a tenant is known). The
 *   query functions that read them (tenant-access.ts, listAgencyIdsForUser) open it themselves.
 * - dead_letters (migration 0008) is written and listed in the fleet scope (`withFleet`, used only by
 *   db/queries/fleet.ts); a tenant scope reads the tenant's own letters.
 * - audit_log (0004) has tenant and agency scopes, and the application role may only append to it.
 * - Tables without row-level security (tenants, users, sessions, agencies, auth_throttle) are read
 *   and written with a plain `Database`.
 */
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;

/** Any drizzle Postgres database or transaction over our schema (neon-serverless in the Worker, node-postgres in Node). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Held only by this module: nothing else can supply the constructor's first argument. */
const ISSUED_BY_WITH_TENANT: unique symbol = Symbol('withTenant');

/**
 * A transaction in which row-level security shows and accepts only one tenant's rows, together
 * with that tenant's id. Only `withTenant` makes one: the constructor needs a token private to this
 * module, and the private fields make the type nominal, so neither an object literal nor a spread
 * copy with another tenant id passes for one.
 */
export class TenantTx {
  readonly #tenantId: string;
  readonly #db: Database;

  constructor(issuer: typeof ISSUED_BY_WITH_TENANT, tenantId: string, db: Database) {
    if (issuer !== ISSUED_BY_WITH_TENANT) throw new TypeError('A TenantTx comes only from withTenant().');
    this.#tenantId = tenantId;
    this.#db = db;
  }

  /** The tenant this scope shows; queries filter on it explicitly as well. */
  get tenantId(): string {
    return this.#tenantId;
  }

  /** The transaction itself; queries run on it. */
  get db(): Database {
    return this.#db;
  }
}

/**
 * Runs `fn` in a transaction scoped to one tenant: row-level security then shows and accepts only
 * that tenant's rows. `set_config(..., true)` is transaction-local, so pooled connections never leak it.
 */
export async function withTenant<T>(db: Database, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(new TenantTx(ISSUED_BY_WITH_TENANT, tenantId, transaction));
  });
}

const ISSUED_BY_WITH_AGENCY: unique symbol = Symbol('withAgency');

/** Like TenantTx for an agency's own rows (API keys, idempotency keys, webhook endpoints and deliveries, its audit entries): only `withAgency` makes one. */
export class AgencyTx {
  readonly #agencyId: string;
  readonly #db: Database;

  constructor(issuer: typeof ISSUED_BY_WITH_AGENCY, agencyId: string, db: Database) {
    if (issuer !== ISSUED_BY_WITH_AGENCY) throw new TypeError('An AgencyTx comes only from withAgency().');
    this.#agencyId = agencyId;
    this.#db = db;
  }

  get agencyId(): string {
    return this.#agencyId;
  }

  get db(): Database {
    return this.#db;
  }
}

/** A transaction in which row-level security shows an agency's own rows (app.agency_id) and no tenant's. */
export async function withAgency<T>(db: Database, agencyId: string, fn: (tx: AgencyTx) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`select set_config('app.agency_id', ${agencyId}, true)`);
    return fn(new AgencyTx(ISSUED_BY_WITH_AGENCY, agencyId, transaction));
  });
}

/**
 * Runs `fn` in a transaction in which row-level security shows the user's own memberships (read-only)
 * and no tenant's rows: for finding which tenants and agencies a user may open.
 */
export async function withUser<T>(db: Database, userId: string, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`select set_config('app.user_id', ${userId}, true)`);
    return fn(transaction);
  });
}

/**
 * Runs `fn` in a transaction that sees operator data across tenants (dead letters) and still no
 * tenant-owned row. Only db/queries/fleet.ts calls it: code that works across tenants is named for it.
 */
export async function withFleet<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`select set_config('app.fleet', 'on', true)`);
    return fn(transaction);
  });
}

/**
 * Runs `fn` for each tenant in turn, each in its own `withTenant` scope, and returns the results in
 * order. For code that works across tenants (the scheduler): it never gets a wider view of the data
 * than one request does.
 */
export async function forEachTenant<T>(db: Database, tenantIds: Iterable<string>, fn: (tx: TenantTx) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const tenantId of tenantIds) results.push(await withTenant(db, tenantId, fn));
  return results;
}

/** Rows of a raw `db.execute()` result; both drivers we use return pg-style `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
