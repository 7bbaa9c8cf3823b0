import { eq } from 'drizzle-orm';
import type { Database } from '../database';
import { tenants } from '../schema';

/** The agency a tenant belongs to, or null for a tenant of its own (tenants has no row-level security). */
export async function findTenantAgency(db: Database, tenantId: string): Promise<string | null> {
  const [row] = await db.select({ agencyId: tenants.agencyId }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.agencyId ?? null;
}

/** The ids of an agency's tenants, archived ones too (their audit entries stay readable). */
export async function listAgencyTenantIds(db: Database, agencyId: string): Promise<string[]> {
  const rows = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.agencyId, agencyId));
  return rows.map((r) => r.id);
}
