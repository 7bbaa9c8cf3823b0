/**
 * The people of a tenant or of an agency (memberships in that scope) and the audit entries about them.
 * A `PeopleTx` is the scope's own transaction: a tenant's (its direct members) or an agency's (its own
 * members, not those of its tenants). Every statement filters on the scope as well as row-level security.
 */
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { ROLE_RANK } from '../../worker/auth/roles';
import { type AgencyTx, type Database, rowsOf, TenantTx, withTenant } from '../database';
import { agencies, auditLog, type MembershipRole, memberships, users } from '../schema';

export type PeopleTx = TenantTx | AgencyTx;

/** The membership rows of the scope. */
export function membershipScope(tx: PeopleTx): SQL {
  return tx instanceof TenantTx
    ? eq(memberships.tenantId, tx.tenantId)
    : and(eq(memberships.agencyId, tx.agencyId), isNull(memberships.tenantId))!;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: MembershipRole;
  since: Date;
}

/** The scope's members, strongest role first, then by email. */
export async function listMembers(tx: PeopleTx): Promise<Member[]> {
  const rows = await tx.db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(membershipScope(tx))
    .orderBy(asc(users.email));
  return rows.sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role]);
}

/** The member's role, locking the row until the transaction ends (a change decides on what it locked). */
export async function lockMemberRole(tx: PeopleTx, userId: string): Promise<MembershipRole | null> {
  const [row] = await tx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(membershipScope(tx), eq(memberships.userId, userId)))
    .for('update');
  return row?.role ?? null;
}

/** The agency's owners, locked: two owners demoting each other at once cannot leave none. */
export async function lockAgencyOwnerCount(tx: AgencyTx): Promise<number> {
  const rows = await tx.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(membershipScope(tx), eq(memberships.role, 'owner')))
    .orderBy(asc(memberships.id))
    .for('update');
  return rows.length;
}

export async function setMemberRole(tx: PeopleTx, userId: string, role: MembershipRole): Promise<void> {
  await tx.db
    .update(memberships)
    .set({ role })
    .where(and(membershipScope(tx), eq(memberships.userId, userId)));
}

export async function deleteMember(tx: PeopleTx, userId: string): Promise<boolean> {
  const deleted = await tx.db
    .delete(memberships)
    .where(and(membershipScope(tx), eq(memberships.userId, userId)))
    .returning({ id: memberships.id });
  return deleted.length > 0;
}

/** Gives the user `role` in the scope, or keeps the role they already hold when it is stronger; returns the role they end with. */
export async function grantMembership(tx: PeopleTx, userId: string, role: MembershipRole): Promise<MembershipRole> {
  const current = await lockMemberRole(tx, userId);
  if (current && ROLE_RANK[current] >= ROLE_RANK[role]) return current;
  if (current) {
    await setMemberRole(tx, userId, role);
    return role;
  }
  const scope = tx instanceof TenantTx ? { tenantId: tx.tenantId } : { agencyId: tx.agencyId };
  await tx.db.insert(memberships).values({ userId, role, ...scope });
  return role;
}

export interface PeopleAuditEntry {
  action: string;
  target: string;
  actorUserId: string | null;
  details?: Record<string, unknown>;
}

/** An audit entry in the scope's own log, inside the scope's transaction (so it commits with the change). */
export async function recordPeopleAudit(tx: PeopleTx, entry: PeopleAuditEntry, tenantAgencyId: string | null = null): Promise<void> {
  const scope = tx instanceof TenantTx ? { tenantId: tx.tenantId, agencyId: tenantAgencyId } : { agencyId: tx.agencyId };
  await tx.db.insert(auditLog).values({
    ...scope,
    actorUserId: entry.actorUserId,
    action: entry.action,
    target: entry.target,
    details: entry.details ?? {},
  });
}

/**
 * An audit entry about a user (a sign-in, a password reset) in the log of every agency and tenant
 * the user is a member of, so each of them sees what happens to its own people. Runs in `db`, which
 * may be the caller's transaction: the scopes are set one after the other and cleared again.
 * A user with no membership leaves no entry (there is nobody whose log it would belong to).
 */
export async function recordUserAudit(db: Database, userId: string, entry: PeopleAuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    const set = (name: string, value: string) => tx.execute(sql`select set_config(${name}, ${value}, true)`);
    // The caller's transaction may hold scopes of its own: put them back afterwards.
    const [before] = rowsOf<{ user: string | null; tenant: string | null; agency: string | null }>(
      await tx.execute(
        sql`select current_setting('app.user_id', true) as user, current_setting('app.tenant_id', true) as tenant, current_setting('app.agency_id', true) as agency`,
      ),
    );
    await set('app.tenant_id', '');
    await set('app.agency_id', '');
    await set('app.user_id', userId);
    const scopes = await tx
      .select({ tenantId: memberships.tenantId, agencyId: memberships.agencyId })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    const values = { actorUserId: entry.actorUserId, action: entry.action, target: entry.target, details: entry.details ?? {} };
    for (const scope of scopes) {
      if (scope.tenantId) {
        await set('app.tenant_id', scope.tenantId);
        await tx.insert(auditLog).values({ ...values, tenantId: scope.tenantId });
        await set('app.tenant_id', '');
      } else if (scope.agencyId) {
        await set('app.agency_id', scope.agencyId);
        await tx.insert(auditLog).values({ ...values, agencyId: scope.agencyId });
        await set('app.agency_id', '');
      }
    }
    await set('app.user_id', before?.user ?? '');
    await set('app.tenant_id', before?.tenant ?? '');
    await set('app.agency_id', before?.agency ?? '');
  });
}

/** An agency's name (agencies has no row-level security), for emails and the accept page. */
export async function findAgencyName(db: Database, agencyId: string): Promise<string | null> {
  const [row] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  return row?.name ?? null;
}

/**
 * Runs `fn` in one of the agency's tenants' scope inside the agency's transaction (a savepoint), then
 * clears the tenant setting again, so the agency's own statements after it (idempotency keys) run in
 * the agency's scope alone. The caller must have checked that the tenant belongs to the agency.
 */
export async function withTenantInAgency<T>(tx: AgencyTx, tenantId: string, fn: (tenant: TenantTx) => Promise<T>): Promise<T> {
  try {
    return await withTenant(tx.db, tenantId, fn);
  } finally {
    await tx.db.execute(sql`select set_config('app.tenant_id', '', true)`);
  }
}

/** Creates a user (an invitee setting up their account); the email is stored lower-cased. */
export async function createUser(db: Database, user: { email: string; name: string; passwordHash: string }): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: user.email.trim().toLowerCase() })
    .returning({ id: users.id });
  return row!.id;
}
