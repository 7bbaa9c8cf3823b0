import { sql } from 'drizzle-orm';
import type { AgencyTx, Database } from '../database';

/**
 * The agency scope (AgencyTx, withAgency) lives in db/database.ts beside the tenant scope.
 * `tenants` has no row-level security (it is read before any scope is known: sign-in, the tenant
 * picker, custom hostnames), so the provisioning queries filter every statement on `agencyId`.
 */
export { type AgencyTx, withAgency } from '../database';

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
