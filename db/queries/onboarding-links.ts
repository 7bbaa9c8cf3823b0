import { and, eq, sql } from 'drizzle-orm';
import { type AgencyTx, type Database, rowsOf, type TenantTx } from '../database';
import { auditLog, connections, onboardingLinks, tenantDomains, tenants } from '../schema';
import type { Platform } from '../schema/enums';
import type { TenantBranding } from '../schema/identity';
import { inAgencyTenant } from './agency-scope';

export interface OnboardingLink {
  id: string;
  tenantId: string;
  platforms: Platform[];
  appOrigin: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

const linkColumns = {
  id: onboardingLinks.id,
  tenantId: onboardingLinks.tenantId,
  platforms: onboardingLinks.platforms,
  appOrigin: onboardingLinks.appOrigin,
  expiresAt: onboardingLinks.expiresAt,
  revokedAt: onboardingLinks.revokedAt,
};

/**
 * The link whose token hashes to `tokenHash`, before its tenant is known: the transaction may read
 * exactly that row (policy token_lookup, migration 0012) and nothing else.
 */
export async function findOnboardingLinkByTokenHash(db: Database, tokenHash: string): Promise<OnboardingLink | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.onboarding_token_hash', ${tokenHash}, true)`);
    const [row] = await tx.select(linkColumns).from(onboardingLinks).where(eq(onboardingLinks.tokenHash, tokenHash));
    return row ?? null;
  });
}

/** One of the tenant's links by id (the OAuth callback checks the link its state names again). */
export async function findOnboardingLink(tx: TenantTx, id: string): Promise<OnboardingLink | null> {
  const [row] = await tx.db
    .select(linkColumns)
    .from(onboardingLinks)
    .where(and(eq(onboardingLinks.tenantId, tx.tenantId), eq(onboardingLinks.id, id)));
  return row ?? null;
}

/** Ids of the connections (grants) made through the link. */
export async function listOnboardingLinkConnectionIds(tx: TenantTx, linkId: string): Promise<string[]> {
  const rows = await tx.db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.tenantId, tx.tenantId), eq(connections.onboardingLinkId, linkId)));
  return rows.map((r) => r.id);
}

export interface OnboardingTenant {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  branding: TenantBranding;
  /** The verified custom hostname, if the tenant has one. */
  verifiedHostname: string | null;
}

/** What an onboarding page shows of its tenant: name and branding, and where it lives. Null for an inactive tenant. */
export async function getOnboardingTenant(tx: TenantTx): Promise<OnboardingTenant | null> {
  const [tenant] = await tx.db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, timeZone: tenants.timeZone, branding: tenants.branding })
    .from(tenants)
    .where(and(eq(tenants.id, tx.tenantId), eq(tenants.status, 'active')));
  if (!tenant) return null;
  const [domain] = rowsOf<{ hostname: string }>(
    await tx.db.execute(
      sql`select ${tenantDomains.hostname} as hostname from ${tenantDomains}
        where ${tenantDomains.tenantId} = ${tx.tenantId} and ${tenantDomains.verificationStatus} = 'verified' order by ${tenantDomains.createdAt} limit 1`,
    ),
  );
  return { ...tenant, verifiedHostname: domain?.hostname ?? null };
}

/** Creates a link for one of the agency's tenants inside the agency's transaction (the caller checked the tenant is the agency's). */
export async function insertAgencyTenantOnboardingLink(
  tx: AgencyTx,
  tenantId: string,
  link: { tokenHash: string; platforms: Platform[]; appOrigin: string; expiresAt: Date; createdBy: string },
): Promise<OnboardingLink> {
  return inAgencyTenant(tx, tenantId, async (db) => {
    const [row] = await db
      .insert(onboardingLinks)
      .values({ ...link, tenantId })
      .returning(linkColumns);
    await db.insert(auditLog).values({
      tenantId,
      agencyId: tx.agencyId,
      action: 'onboarding_link.created',
      target: row!.id,
      details: { platforms: link.platforms, expiresAt: link.expiresAt.toISOString(), by: link.createdBy },
    });
    return row!;
  });
}

/** Revokes one of the agency's tenant's links; false when there is no such unrevoked link. */
export async function revokeAgencyTenantOnboardingLink(tx: AgencyTx, tenantId: string, linkId: string, by: string, now: Date) {
  return inAgencyTenant(tx, tenantId, async (db) => {
    const rows = await db
      .update(onboardingLinks)
      .set({ revokedAt: now })
      .where(and(eq(onboardingLinks.tenantId, tenantId), eq(onboardingLinks.id, linkId), sql`${onboardingLinks.revokedAt} is null`))
      .returning({ id: onboardingLinks.id });
    if (rows.length)
      await db
        .insert(auditLog)
        .values({ tenantId, agencyId: tx.agencyId, action: 'onboarding_link.revoked', target: linkId, details: { by } });
    return rows.length > 0;
  });
}
