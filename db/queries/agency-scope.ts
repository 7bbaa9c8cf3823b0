import { sql } from 'drizzle-orm';
import type { Database } from '../database';

/** Held only by this module: nothing else can supply the constructor's first argument. */
const ISSUED_BY_WITH_AGENCY: unique symbol = Symbol('withAgency');

/**
 * A transaction in which row-level security shows and accepts only one agency's rows of the
 * agency-owned tables (api_keys, idempotency_keys, the agency's own audit_log rows), together with
 * that agency's id. Like TenantTx (db/database.ts), only `withAgency` makes one.
 *
 * `tenants` has no row-level security (it is read before any scope is known: sign-in, the tenant
 * picker, custom hostnames), so the provisioning queries filter every statement on `agencyId`.
 */
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

/** Runs `fn` in a transaction scoped to one agency (`app.agency_id`, transaction-local). */
export async function withAgency<T>(db: Database, agencyId: string, fn: (tx: AgencyTx) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`select set_config('app.agency_id', ${agencyId}, true)`);
    return fn(new AgencyTx(ISSUED_BY_WITH_AGENCY, agencyId, transaction));
  });
}

/**
 * Runs `fn` with one of the agency's tenants also in scope (`app.tenant_id`), inside the agency's
 * transaction, then leaves the tenant scope again. The caller must have checked that the tenant
 * belongs to `tx.agencyId`; the rows written here are that tenant's (tenant_domains, audit_log).
 */
export async function inAgencyTenant<T>(tx: AgencyTx, tenantId: string, fn: (db: Database) => Promise<T>): Promise<T> {
  await tx.db.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
  try {
    return await fn(tx.db);
  } finally {
    await tx.db.execute(sql`select set_config('app.tenant_id', '', true)`);
  }
}

/** True for a Postgres unique violation, whether the driver's error or drizzle's wrapper of it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === '23505') return constraint === undefined || pg.constraint === constraint;
  }
  return false;
}
