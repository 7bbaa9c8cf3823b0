/**
 * The invitee's side: what a link shows (pending, expired, used, revoked or unknown) and accepting it,
 * as a new user (name and password) or as an existing, signed-in one. The claim, the user, the
 * membership and the audit entry commit together; of two parallel accepts exactly one wins.
 */
import { type Database, withAgency, withTenant } from '../../db/database';
import { isUniqueViolation } from '../../db/queries/agency-scope';
import { findUserByEmail } from '../../db/queries/auth';
import { claimInvitation, findInvitationByTokenHash, type InvitationLookup, setInvitationAcceptedBy } from '../../db/queries/invitations';
import { createUser, grantMembership, type PeopleTx, recordPeopleAudit } from '../../db/queries/members';
import { hashPassword, sha256Hex } from '../auth/password';
import { newPasswordProblem } from '../auth/password-rules';

/** Tokens are 43 base64url characters (32 bytes); anything else is not one of ours and is never looked up. */
export function isInvitationToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type InvitationView =
  | { state: 'unknown' }
  | { state: 'expired' | 'used' | 'revoked'; invitation: InvitationLookup }
  | { state: 'pending'; invitation: InvitationLookup; hasAccount: boolean };

/** What the accept page shows for a token. */
export async function viewInvitation(db: Database, token: string, now: Date): Promise<InvitationView> {
  if (!isInvitationToken(token)) return { state: 'unknown' };
  const invitation = await findInvitationByTokenHash(db, await sha256Hex(token));
  if (!invitation) return { state: 'unknown' };
  if (invitation.acceptedAt) return { state: 'used', invitation };
  if (invitation.revokedAt) return { state: 'revoked', invitation };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { state: 'expired', invitation };
  return { state: 'pending', invitation, hasAccount: (await findUserByEmail(db, invitation.email)) !== null };
}

export type AcceptResult =
  | { ok: true; userId: string; tenantSlug: string | null }
  | { ok: false; reason: 'not_pending' | 'wrong_user' | 'account_exists' }
  | { ok: false; reason: 'invalid_password'; message: string }
  | { ok: false; reason: 'invalid_name' };

function inScope<T>(db: Database, invitation: InvitationLookup, fn: (tx: PeopleTx) => Promise<T>): Promise<T> {
  return invitation.tenant ? withTenant(db, invitation.tenant.id, fn) : withAgency(db, invitation.agency!.id, fn);
}

class NotPending extends Error {}

/**
 * Claims the invitation first (a parallel accept waits on its row lock, then finds nothing pending
 * and throws NotPending), then finds or creates the user, grants the role and audits, in one transaction.
 */
async function claimAndGrant(tx: PeopleTx, invitation: InvitationLookup, user: () => Promise<string>, now: Date): Promise<string> {
  const claimed = await claimInvitation(tx, invitation.id, now);
  if (!claimed) throw new NotPending();
  const userId = await user();
  await setInvitationAcceptedBy(tx, invitation.id, userId);
  const role = await grantMembership(tx, userId, claimed.role);
  await recordPeopleAudit(
    tx,
    { action: 'invitation.accepted', target: invitation.id, actorUserId: userId, details: { email: claimed.email, role } },
    invitation.tenant?.agencyId ?? null,
  );
  return userId;
}

async function settle(invitation: InvitationLookup, work: () => Promise<string>): Promise<AcceptResult> {
  try {
    return accepted(invitation, await work());
  } catch (error) {
    if (error instanceof NotPending) return { ok: false, reason: 'not_pending' };
    if (isUniqueViolation(error, 'users_email_lower_idx')) return { ok: false, reason: 'account_exists' };
    throw error;
  }
}

const accepted = (invitation: InvitationLookup, userId: string): AcceptResult => ({
  ok: true,
  userId,
  tenantSlug: invitation.tenant?.slug ?? null,
});

/** Accepts for a signed-in user, who must be the invited email's account. */
export async function acceptAsUser(db: Database, token: string, user: { id: string; email: string }, now: Date): Promise<AcceptResult> {
  const view = await viewInvitation(db, token, now);
  if (view.state !== 'pending') return { ok: false, reason: 'not_pending' };
  if (user.email.toLowerCase() !== view.invitation.email) return { ok: false, reason: 'wrong_user' };
  return settle(view.invitation, () => inScope(db, view.invitation, (tx) => claimAndGrant(tx, view.invitation, async () => user.id, now)));
}

/** Accepts for an email with no account yet: creates the user with this name and password. */
export async function acceptAsNewUser(
  db: Database,
  token: string,
  account: { name: string; password: string },
  now: Date,
): Promise<AcceptResult> {
  const name = account.name.trim();
  if (!name || name.length > 200) return { ok: false, reason: 'invalid_name' };
  const view = await viewInvitation(db, token, now);
  if (view.state !== 'pending') return { ok: false, reason: 'not_pending' };
  if (view.hasAccount) return { ok: false, reason: 'account_exists' };
  const problem = newPasswordProblem(account.password, view.invitation.email);
  if (problem) return { ok: false, reason: 'invalid_password', message: problem };
  const passwordHash = await hashPassword(account.password);
  const { invitation } = view;
  return settle(invitation, () =>
    inScope(db, invitation, (tx) =>
      claimAndGrant(tx, invitation, () => createUser(tx.db, { email: invitation.email, name, passwordHash }), now),
    ),
  );
}
