/**
 * Invitations to a tenant or to an agency, in that scope (PeopleTx). The emailed token is stored as
 * its SHA-256 only; an invitee, who has no scope yet, finds the row by that hash (policy token_lookup).
 */
import { and, desc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import { type Database, TenantTx } from '../database';
import { agencies, invitations, type MembershipRole, type TenantBranding, tenants, users } from '../schema';
import type { PeopleTx } from './members';

function invitationScope(tx: PeopleTx): SQL {
  return tx instanceof TenantTx
    ? eq(invitations.tenantId, tx.tenantId)
    : and(eq(invitations.agencyId, tx.agencyId), isNull(invitations.tenantId))!;
}

const pending = (now: Date) => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

export interface InvitationSummary {
  id: string;
  email: string;
  role: MembershipRole;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const summaryColumns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  invitedBy: users.email,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
};

export interface NewInvitation {
  email: string;
  role: MembershipRole;
  tokenHash: string;
  invitedByUserId: string | null;
  expiresAt: Date;
}

/**
 * Stores an invitation; an earlier pending invitation of the same email to the same scope is revoked
 * first, so re-inviting replaces the old link. Returns the new one and how many it replaced.
 */
export async function createInvitation(
  tx: PeopleTx,
  invitation: NewInvitation,
  now: Date,
): Promise<{ invitation: InvitationSummary; replaced: number }> {
  const email = invitation.email.trim().toLowerCase();
  const replaced = await tx.db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(invitationScope(tx), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  const scope = tx instanceof TenantTx ? { tenantId: tx.tenantId } : { agencyId: tx.agencyId };
  const [row] = await tx.db
    .insert(invitations)
    .values({ ...scope, ...invitation, email })
    .returning({ id: invitations.id });
  const [summary] = await listInvitationRows(tx, eq(invitations.id, row!.id));
  return { invitation: summary!, replaced: replaced.length };
}

function listInvitationRows(tx: PeopleTx, filter: SQL | undefined): Promise<InvitationSummary[]> {
  return tx.db
    .select(summaryColumns)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(and(invitationScope(tx), filter))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
}

/** The scope's pending invitations (not accepted, not revoked, not expired), newest first. */
export function listPendingInvitations(tx: PeopleTx, now: Date): Promise<InvitationSummary[]> {
  return listInvitationRows(tx, pending(now));
}

/** Revokes one of the scope's unaccepted invitations; returns it, or null when there is no such one. */
export async function revokeInvitation(tx: PeopleTx, id: string, now: Date): Promise<{ email: string; role: MembershipRole } | null> {
  const [row] = await tx.db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(invitationScope(tx), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ email: invitations.email, role: invitations.role });
  return row ?? null;
}

export interface InvitationLookup {
  id: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  inviterName: string | null;
  tenant: { id: string; slug: string; name: string; agencyId: string | null; branding: TenantBranding } | null;
  agency: { id: string; name: string } | null;
}

/** The invitation with this token hash, whatever its state, with what the accept page shows; null when unknown. */
export async function findInvitationByTokenHash(db: Database, tokenHash: string): Promise<InvitationLookup | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.invitation_token_hash', ${tokenHash}, true)`);
    const [row] = await tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        inviterName: users.name,
        tenantId: invitations.tenantId,
        agencyId: invitations.agencyId,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedByUserId))
      .where(eq(invitations.tokenHash, tokenHash));
    if (!row) return null;
    const [tenant] = row.tenantId
      ? await tx
          .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, agencyId: tenants.agencyId, branding: tenants.branding })
          .from(tenants)
          .where(eq(tenants.id, row.tenantId))
      : [];
    const agencyId = row.agencyId ?? tenant?.agencyId ?? null;
    const [agency] = agencyId
      ? await tx.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId))
      : [];
    const { tenantId: _t, agencyId: _a, ...rest } = row;
    return { ...rest, tenant: tenant ?? null, agency: agency ?? null };
  });
}

/**
 * Marks a pending invitation accepted, atomically: of two parallel accepts, the second waits for the
 * first's row lock and then finds nothing pending. Null when it is no longer pending.
 */
export async function claimInvitation(tx: PeopleTx, id: string, now: Date): Promise<{ email: string; role: MembershipRole } | null> {
  const [row] = await tx.db
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(invitationScope(tx), eq(invitations.id, id), pending(now)))
    .returning({ email: invitations.email, role: invitations.role });
  return row ?? null;
}

/** Records who accepted a claimed invitation (a new account exists only after the claim). */
export async function setInvitationAcceptedBy(tx: PeopleTx, id: string, userId: string): Promise<void> {
  await tx.db
    .update(invitations)
    .set({ acceptedByUserId: userId })
    .where(and(invitationScope(tx), eq(invitations.id, id)));
}
