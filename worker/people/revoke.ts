import { revokeInvitation } from '../../db/queries/invitations';
import { type PeopleTx, recordPeopleAudit } from '../../db/queries/members';

/**
 * Revokes a pending invitation of the scope and audits it, in the scope's transaction; false when the
 * scope has no such pending invitation. The caller has checked that the actor manages the scope's people.
 */
export async function revokeAuditedInvitation(
  tx: PeopleTx,
  invitationId: string,
  actorUserId: string,
  tenantAgencyId: string | null,
  now = new Date(),
): Promise<boolean> {
  const revoked = await revokeInvitation(tx, invitationId, now);
  if (!revoked) return false;
  await recordPeopleAudit(
    tx,
    { action: 'invitation.revoked', target: invitationId, actorUserId, details: { email: revoked.email, role: revoked.role } },
    tenantAgencyId,
  );
  return true;
}
