import { and, asc, eq, gt, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { auditLog, type TenantBranding, type TenantStatus, tenantDomains, tenants } from '../schema';
import type { DomainVerificationStatus } from '../schema/enum-values';
import { type AgencyTx, inAgencyTenant } from './agency-scope';
import { type BrandAssetCopy, saveTenantAssets } from './brand-assets';

/**
 * Tenants as the agency provisioning API (/api/v1) sees them: only the key's agency's tenants, never
 * archived ones. Deleting a tenant archives it (soft delete): it disappears from the API, the
 * dashboards and the scheduler, its custom domain is released, and its data and slug stay, so an
 * operator can restore it. `tenants` has no row-level security, so every statement filters on the agency.
 */

export type ProvisionedTenant = {
  id: string;
  slug: string;
  name: string;
  reportingCurrency: string;
  timeZone: string;
  status: Exclude<TenantStatus, 'archived'>;
  branding: TenantBranding;
  customDomain: { hostname: string; status: DomainVerificationStatus } | null;
  createdAt: Date;
};

const tenantColumns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  reportingCurrency: tenants.reportingCurrency,
  timeZone: tenants.timeZone,
  status: tenants.status,
  branding: tenants.branding,
  createdAt: tenants.createdAt,
};

type TenantRow = Omit<ProvisionedTenant, 'customDomain' | 'status'> & { status: TenantStatus };

const ofAgency = (tx: AgencyTx) => and(eq(tenants.agencyId, tx.agencyId), ne(tenants.status, 'archived'));

/** Adds each tenant's custom domain, read in the agency's scope (policy agency_read on tenant_domains) in one query. */
async function withDomains(tx: AgencyTx, rows: TenantRow[]): Promise<ProvisionedTenant[]> {
  const ids = rows.map((r) => r.id);
  const domains = ids.length
    ? await tx.db
        .select({ tenantId: tenantDomains.tenantId, hostname: tenantDomains.hostname, status: tenantDomains.verificationStatus })
        .from(tenantDomains)
        .where(inArray(tenantDomains.tenantId, ids))
        .orderBy(asc(tenantDomains.createdAt))
    : [];
  return rows.map((row) => {
    const domain = domains.find((d) => d.tenantId === row.id);
    return {
      ...row,
      status: row.status as ProvisionedTenant['status'],
      customDomain: domain ? { hostname: domain.hostname, status: domain.status } : null,
    };
  });
}

export type TenantListFilter = { limit: number; afterSlug?: string; query?: string; status?: ProvisionedTenant['status'] };

/** One page of the agency's tenants in slug order, and whether there is another page after it. */
export async function listAgencyTenants(
  tx: AgencyTx,
  filter: TenantListFilter,
): Promise<{ tenants: ProvisionedTenant[]; hasMore: boolean }> {
  const conditions: Array<SQL | undefined> = [ofAgency(tx)];
  if (filter.afterSlug !== undefined) conditions.push(gt(tenants.slug, filter.afterSlug));
  if (filter.status) conditions.push(eq(tenants.status, filter.status));
  if (filter.query) {
    const pattern = `%${filter.query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(or(ilike(tenants.slug, pattern), ilike(tenants.name, pattern)));
  }
  const rows = await tx.db
    .select(tenantColumns)
    .from(tenants)
    .where(and(...conditions))
    .orderBy(asc(tenants.slug))
    .limit(filter.limit + 1);
  return { tenants: await withDomains(tx, rows.slice(0, filter.limit)), hasMore: rows.length > filter.limit };
}

/** The agency's tenant, or null when it does not exist, is archived or belongs to someone else. */
export async function getAgencyTenant(tx: AgencyTx, tenantId: string): Promise<ProvisionedTenant | null> {
  const [row] = await tx.db
    .select(tenantColumns)
    .from(tenants)
    .where(and(ofAgency(tx), eq(tenants.id, tenantId)));
  return row ? ((await withDomains(tx, [row]))[0] ?? null) : null;
}

export type TenantFields = {
  slug: string;
  name: string;
  reportingCurrency: string;
  timeZone: string;
  branding: TenantBranding;
};

export type TenantWriteResult =
  | { ok: true; tenant: ProvisionedTenant; released: ReleasedDomain[] }
  | { ok: false; reason: 'slug_taken' | 'hostname_taken' };

/** Whether a slug or hostname is free (both are unique across all agencies). */
async function conflictOf(
  tx: AgencyTx,
  exceptTenantId: string | null,
  slug: string | undefined,
  hostname: string | null | undefined,
): Promise<'slug_taken' | 'hostname_taken' | null> {
  if (slug !== undefined) {
    const [taken] = await tx.db
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.slug, slug), exceptTenantId ? ne(tenants.id, exceptTenantId) : undefined));
    if (taken) return 'slug_taken';
  }
  // tenant_domains is tenant-scoped; the hostname_lookup policy shows exactly one hostname's row.
  if (hostname) {
    await tx.db.execute(sql`select set_config('app.hostname', ${hostname}, true)`);
    const [taken] = await tx.db
      .select({ tenantId: tenantDomains.tenantId })
      .from(tenantDomains)
      .where(eq(tenantDomains.hostname, hostname));
    await tx.db.execute(sql`select set_config('app.hostname', '', true)`);
    if (taken && taken.tenantId !== exceptTenantId) return 'hostname_taken';
  }
  return null;
}

/** A hostname a change took from a tenant: after the commit it is removed at Cloudflare and from the host cache. */
export type ReleasedDomain = { hostname: string; cloudflareId: string | null };

async function replaceDomain(tx: AgencyTx, tenantId: string, hostname: string | null, actorLabel: string): Promise<ReleasedDomain[]> {
  return inAgencyTenant(tx, tenantId, async (db) => {
    const current = await db
      .select({ hostname: tenantDomains.hostname, cloudflareId: tenantDomains.cloudflareId })
      .from(tenantDomains)
      .where(eq(tenantDomains.tenantId, tenantId));
    const unchanged = hostname ? current.length === 1 && current[0]!.hostname === hostname : current.length === 0;
    if (unchanged) return [];
    await db.delete(tenantDomains).where(eq(tenantDomains.tenantId, tenantId));
    // The Cloudflare custom-hostname registration comes later; until then a domain stays pending.
    if (hostname) await db.insert(tenantDomains).values({ tenantId, hostname, verificationStatus: 'pending' });
    await db.insert(auditLog).values({
      tenantId,
      agencyId: tx.agencyId,
      action: 'tenant.domain_changed',
      target: tenantId,
      details: { from: current.map((d) => d.hostname), to: hostname, by: actorLabel },
    });
    return current;
  });
}

/** Creates one of the agency's tenants, with its custom domain (pending) when one is given. */
export async function createAgencyTenant(
  tx: AgencyTx,
  fields: TenantFields & { customDomain?: string | null; assets?: readonly BrandAssetCopy[] },
  actorLabel: string,
): Promise<TenantWriteResult> {
  const conflict = await conflictOf(tx, null, fields.slug, fields.customDomain);
  if (conflict) return { ok: false, reason: conflict };
  const { customDomain, assets, ...columns } = fields;
  const [row] = await tx.db
    .insert(tenants)
    .values({ ...columns, agencyId: tx.agencyId, status: 'active' })
    .returning({ id: tenants.id });
  await inAgencyTenant(tx, row!.id, (db) =>
    db.insert(auditLog).values({
      tenantId: row!.id,
      agencyId: tx.agencyId,
      action: 'tenant.created',
      target: row!.id,
      details: { slug: fields.slug, by: actorLabel },
    }),
  );
  if (assets?.length) await inAgencyTenant(tx, row!.id, (db) => saveTenantAssets(db, row!.id, assets));
  if (customDomain) await replaceDomain(tx, row!.id, customDomain, actorLabel);
  return { ok: true, tenant: (await getAgencyTenant(tx, row!.id))!, released: [] };
}

export type TenantChanges = Partial<TenantFields> & {
  status?: ProvisionedTenant['status'];
  customDomain?: string | null;
  /** Fetched copies of the branding's logo and favicon, kept in the same transaction as the branding. */
  assets?: readonly BrandAssetCopy[];
};

/** Applies a partial update to one of the agency's tenants; null when it is not the agency's (or archived). */
export async function updateAgencyTenant(
  tx: AgencyTx,
  tenantId: string,
  changes: TenantChanges,
  actorLabel: string,
): Promise<TenantWriteResult | null> {
  const existing = await getAgencyTenant(tx, tenantId);
  if (!existing) return null;
  const conflict = await conflictOf(tx, tenantId, changes.slug, changes.customDomain);
  if (conflict) return { ok: false, reason: conflict };
  const { customDomain, branding, assets, ...columns } = changes;
  const set = { ...columns, ...(branding ? { branding: { ...existing.branding, ...branding } } : {}) };
  if (Object.keys(set).length) {
    await tx.db
      .update(tenants)
      .set(set)
      .where(and(ofAgency(tx), eq(tenants.id, tenantId)));
    await inAgencyTenant(tx, tenantId, (db) =>
      db.insert(auditLog).values({
        tenantId,
        agencyId: tx.agencyId,
        action: 'tenant.updated',
        target: tenantId,
        details: { fields: Object.keys(set), by: actorLabel },
      }),
    );
  }
  if (assets?.length) await inAgencyTenant(tx, tenantId, (db) => saveTenantAssets(db, tenantId, assets));
  const released = customDomain === undefined ? [] : await replaceDomain(tx, tenantId, customDomain, actorLabel);
  return { ok: true, tenant: (await getAgencyTenant(tx, tenantId))!, released };
}

/** Archives one of the agency's tenants and releases its custom domain (returned); null when it is not the agency's. */
export async function archiveAgencyTenant(tx: AgencyTx, tenantId: string, actorLabel: string): Promise<ReleasedDomain[] | null> {
  const archived = await tx.db
    .update(tenants)
    .set({ status: 'archived' })
    .where(and(ofAgency(tx), eq(tenants.id, tenantId)))
    .returning({ id: tenants.id });
  if (!archived.length) return null;
  const released = await replaceDomain(tx, tenantId, null, actorLabel);
  await inAgencyTenant(tx, tenantId, (db) =>
    db
      .insert(auditLog)
      .values({ tenantId, agencyId: tx.agencyId, action: 'tenant.deleted', target: tenantId, details: { by: actorLabel } }),
  );
  return released;
}
