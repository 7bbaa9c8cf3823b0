/**
 * Changing and removing the members of a tenant or of the agency: the rule of worker/auth/roles.ts,
 * decided on rows locked in the scope's transaction (so two admins at once cannot leave the agency
 * without an owner), the change and its audit entry in that same transaction.
 */
import { type AgencyTx, type Database, TenantTx, withAgency, withTenant } from '../../db/database';
import {
  deleteMember,
  lockAgencyOwnerCount,
  lockMemberRole,
  type PeopleTx,
  recordPeopleAudit,
  setMemberRole,
} from '../../db/queries/members';
import type { MembershipRole } from '../../db/schema';
import { decideMemberChange, type MemberChange, type PeopleRefusal } from '../auth/roles';

export type MemberChangeRequest = { kind: 'role'; role: MembershipRole } | { kind: 'remove' };

export type MemberChangeResult =
  | { ok: true; from: MembershipRole; to: MembershipRole | null }
  | { ok: false; reason: PeopleRefusal | 'not_found' };

export type PeoplePlace = { kind: 'tenant'; tenantId: string; agencyId: string | null } | { kind: 'agency'; agencyId: string };

async function change(
  tx: PeopleTx,
  place: PeoplePlace,
  actor: { userId: string; role: MembershipRole },
  targetUserId: string,
  request: MemberChangeRequest,
): Promise<MemberChangeResult> {
  // Owners first, in one order for everyone, then the target: two changes at once queue instead of deadlocking.
  const ownerCount = tx instanceof TenantTx ? 0 : await lockAgencyOwnerCount(tx as AgencyTx);
  const targetRole = await lockMemberRole(tx, targetUserId);
  if (!targetRole) return { ok: false, reason: 'not_found' };
  const decision: MemberChange = { actorRole: actor.role, scope: place.kind, targetRole, change: request, ownerCount };
  const decided = decideMemberChange(decision);
  if (!decided.ok) return decided;
  if (request.kind === 'role') await setMemberRole(tx, targetUserId, request.role);
  else await deleteMember(tx, targetUserId);
  const to = request.kind === 'role' ? request.role : null;
  await recordPeopleAudit(
    tx,
    {
      action: request.kind === 'role' ? 'member.role_changed' : 'member.removed',
      target: targetUserId,
      actorUserId: actor.userId,
      details: { from: targetRole, ...(to ? { to } : {}) },
    },
    place.kind === 'tenant' ? place.agencyId : null,
  );
  return { ok: true, from: targetRole, to };
}

/** Changes a member's role or removes them, if the actor may. */
export function changeMember(
  db: Database,
  place: PeoplePlace,
  actor: { userId: string; role: MembershipRole },
  targetUserId: string,
  request: MemberChangeRequest,
): Promise<MemberChangeResult> {
  return place.kind === 'tenant'
    ? withTenant(db, place.tenantId, (tx) => change(tx, place, actor, targetUserId, request))
    : withAgency(db, place.agencyId, (tx) => change(tx, place, actor, targetUserId, request));
}
