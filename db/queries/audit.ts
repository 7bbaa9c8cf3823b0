/**
 * The audit log: security-relevant actions, append-only for the application role (migration 0008).
 * A tenant's entries are written and read in its scope; an agency's own entries (keys, webhooks) in
 * the agency's. An agency's admins read both through listAgencyAudit.
 */
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { type AgencyTx, type Database, forEachTenant, type TenantTx, withAgency } from '../database';
import { auditLog } from '../schema';

export interface AuditEntry {
  action: string;
  target: string;
  actorUserId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordTenantAudit(tx: TenantTx, entry: AuditEntry, agencyId: string | null = null): Promise<void> {
  await tx.db.insert(auditLog).values({
    tenantId: tx.tenantId,
    agencyId,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    target: entry.target,
    details: entry.details ?? {},
  });
}

export interface AuditRow {
  id: string;
  tenantId: string | null;
  actorUserId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  at: Date;
}

const columns = {
  id: auditLog.id,
  tenantId: auditLog.tenantId,
  actorUserId: auditLog.actorUserId,
  action: auditLog.action,
  target: auditLog.target,
  details: auditLog.details,
  at: auditLog.at,
};

async function tenantEntries(tx: TenantTx, before: Date | null, limit: number): Promise<AuditRow[]> {
  return tx.db
    .select(columns)
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tx.tenantId), before ? lt(auditLog.at, before) : undefined))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}

async function agencyEntries(tx: AgencyTx, before: Date | null, limit: number): Promise<AuditRow[]> {
  return tx.db
    .select(columns)
    .from(auditLog)
    .where(and(eq(auditLog.agencyId, tx.agencyId), isNull(auditLog.tenantId), before ? lt(auditLog.at, before) : undefined))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}

/** The agency's own entries and those of each of its tenants (each read in its own scope), newest first, before `before`. */
export async function listAgencyAudit(
  db: Database,
  agencyId: string,
  tenantIds: readonly string[],
  before: Date | null,
  limit: number,
): Promise<AuditRow[]> {
  const own = await withAgency(db, agencyId, (tx) => agencyEntries(tx, before, limit));
  const perTenant = await forEachTenant(db, tenantIds, (tx) => tenantEntries(tx, before, limit));
  return [...own, ...perTenant.flat()].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}
