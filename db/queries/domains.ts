/** A tenant's custom hostnames (tenant_domains, row-level security by tenant). */
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { tenantDomains } from '../schema';
import type { DomainVerificationStatus } from '../schema/enum-values';

export interface TenantDomain {
  id: string;
  hostname: string;
  status: DomainVerificationStatus;
  cloudflareId: string | null;
  dnsRecords: Array<{ type: string; name: string; value: string; purpose: string }>;
  problems: string[];
  checkedAt: Date | null;
  createdAt: Date;
}

const columns = {
  id: tenantDomains.id,
  hostname: tenantDomains.hostname,
  status: tenantDomains.verificationStatus,
  cloudflareId: tenantDomains.cloudflareId,
  dnsRecords: tenantDomains.dnsRecords,
  problems: tenantDomains.problems,
  checkedAt: tenantDomains.checkedAt,
  createdAt: tenantDomains.createdAt,
};

/**
 * Adds a pending hostname; 'taken' when any tenant already has it. The unique index decides, so two
 * tenants racing for one hostname cannot both get it; the answer never says which tenant has it.
 */
export async function insertTenantDomain(tx: TenantTx, hostname: string): Promise<TenantDomain | 'taken'> {
  const [row] = await tx.db
    .insert(tenantDomains)
    .values({ tenantId: tx.tenantId, hostname })
    .onConflictDoNothing({ target: tenantDomains.hostname })
    .returning(columns);
  return row ?? 'taken';
}

export async function listTenantDomains(tx: TenantTx): Promise<TenantDomain[]> {
  return tx.db.select(columns).from(tenantDomains).where(eq(tenantDomains.tenantId, tx.tenantId)).orderBy(asc(tenantDomains.createdAt));
}

export async function findTenantDomain(tx: TenantTx, id: string): Promise<TenantDomain | null> {
  const [row] = await tx.db
    .select(columns)
    .from(tenantDomains)
    .where(and(eq(tenantDomains.tenantId, tx.tenantId), eq(tenantDomains.id, id)));
  return row ?? null;
}

/** Hostnames to ask Cloudflare about: pending (a failed one waits for its admin), not checked since `before`, oldest check first. */
export async function listDomainsToCheck(tx: TenantTx, before: Date, limit: number): Promise<TenantDomain[]> {
  return tx.db
    .select(columns)
    .from(tenantDomains)
    .where(
      and(
        eq(tenantDomains.tenantId, tx.tenantId),
        eq(tenantDomains.verificationStatus, 'pending'),
        or(isNull(tenantDomains.checkedAt), lt(tenantDomains.checkedAt, before)),
      ),
    )
    .orderBy(asc(tenantDomains.checkedAt))
    .limit(limit);
}

export interface DomainStateUpdate {
  cloudflareId?: string | null;
  status: DomainVerificationStatus;
  dnsRecords: TenantDomain['dnsRecords'];
  problems: string[];
  checkedAt: Date;
}

export async function saveDomainState(tx: TenantTx, id: string, update: DomainStateUpdate): Promise<TenantDomain | null> {
  const [row] = await tx.db
    .update(tenantDomains)
    .set({
      ...(update.cloudflareId !== undefined ? { cloudflareId: update.cloudflareId } : {}),
      verificationStatus: update.status,
      dnsRecords: update.dnsRecords,
      problems: update.problems,
      checkedAt: update.checkedAt,
    })
    .where(and(eq(tenantDomains.tenantId, tx.tenantId), eq(tenantDomains.id, id)))
    .returning(columns);
  return row ?? null;
}

export async function deleteTenantDomain(tx: TenantTx, id: string): Promise<boolean> {
  const deleted = await tx.db
    .delete(tenantDomains)
    .where(and(eq(tenantDomains.tenantId, tx.tenantId), eq(tenantDomains.id, id)))
    .returning({ id: tenantDomains.id });
  return deleted.length > 0;
}
