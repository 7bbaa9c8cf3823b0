import { and, eq, ne, or, type SQL, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { ROLE_RANK } from '../../worker/auth/roles';
import { type Database, withUser } from '../database';
import { type MembershipRole, memberships, type TenantBranding, tenants } from '../schema';

export type TenantAccess = {
  id: string;
  slug: string;
  name: string;
  agencyId: string | null;
  reportingCurrency: string;
  timeZone: string;
  dataVersion: number;
  /** The tenant's branding JSON (colours, display name, logo); always selected, optional for hand-built values. */
  branding?: TenantBranding;
  role: MembershipRole;
  /** 'tenant' for a direct membership, 'agency' when access comes through the tenant's agency. */
  via: 'tenant' | 'agency';
};

/** One entry per tenant, keeping the strongest role when a user reaches it more than one way. */
export function mergeTenantAccess(rows: TenantAccess[]): TenantAccess[] {
  const best = new Map<string, TenantAccess>();
  for (const row of rows) {
    const current = best.get(row.id);
    if (!current || ROLE_RANK[row.role] > ROLE_RANK[current.role]) best.set(row.id, row);
  }
  return [...best.values()].sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tenantColumns(via: 'tenant' | 'agency') {
  return {
    id: tenants.id,
    slug: tenants.slug,
    name: tenants.name,
    agencyId: tenants.agencyId,
    reportingCurrency: tenants.reportingCurrency,
    timeZone: tenants.timeZone,
    dataVersion: tenants.dataVersion,
    branding: tenants.branding,
    role: memberships.role,
    via: sql<'tenant' | 'agency'>`${via}::text`.as('via'),
  };
}

/** Reads in the user's scope: row-level security shows the user's own memberships only (migration 0008). */
function tenantAccessRows(db: Database, userId: string, tenantFilter?: SQL): Promise<TenantAccess[]> {
  return withUser(db, userId, async (tx) => mergeTenantAccess(await unionAll(...accessQueries(tx, userId, tenantFilter))));
}

function accessQueries(db: Database, userId: string, tenantFilter?: SQL) {
  const visible = ne(tenants.status, 'archived');
  const direct = db
    .select(tenantColumns('tenant'))
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), visible, tenantFilter));
  const throughAgency = db
    .select(tenantColumns('agency'))
    .from(memberships)
    .innerJoin(tenants, eq(tenants.agencyId, memberships.agencyId))
    .where(and(eq(memberships.userId, userId), visible, tenantFilter));
  return [direct, throughAgency] as const;
}

/**
 * Tenants the user may open: direct memberships plus every tenant of the user's agencies,
 * with the strongest role. Archived tenants are left out.
 */
export function listTenantsForUser(db: Database, userId: string): Promise<TenantAccess[]> {
  return tenantAccessRows(db, userId);
}

/** The tenant (by id or slug) if the user may open it, otherwise null: no access looks like no tenant. */
export async function getTenantForUser(db: Database, userId: string, tenantIdOrSlug: string): Promise<TenantAccess | null> {
  const filter = UUID_PATTERN.test(tenantIdOrSlug)
    ? or(eq(tenants.id, tenantIdOrSlug), eq(tenants.slug, tenantIdOrSlug.toLowerCase()))
    : eq(tenants.slug, tenantIdOrSlug.toLowerCase());
  const [tenant] = await tenantAccessRows(db, userId, filter);
  return tenant ?? null;
}
