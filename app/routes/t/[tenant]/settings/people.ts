import type { MembershipRole } from '$db/schema/enum-values';
import { ASSIGNABLE_ROLES, decideInvitation, decideMemberChange } from '$worker/auth/roles';

/** What the settings page offers for one member: the roles they may be given instead, and whether they may be removed. */
export interface MemberControls {
  roles: MembershipRole[];
  removable: boolean;
}

/**
 * The same rule the API applies (worker/auth/roles.ts), asked in advance so the page offers only what
 * would be allowed. Nobody is offered changes to their own membership: an admin who demoted or removed
 * themselves would lock themselves out of this page.
 */
export function memberControls(
  actorRole: MembershipRole,
  member: { userId: string; role: MembershipRole },
  selfId: string,
): MemberControls {
  if (member.userId === selfId) return { roles: [], removable: false };
  const decide = (change: { kind: 'role'; role: MembershipRole } | { kind: 'remove' }) =>
    decideMemberChange({ actorRole, scope: 'tenant', targetRole: member.role, change, ownerCount: 0 }).ok;
  const roles = ASSIGNABLE_ROLES.tenant.filter((role) => role !== member.role && decide({ kind: 'role', role }));
  return { roles, removable: decide({ kind: 'remove' }) };
}

/** The roles the actor may invite someone to this tenant with. */
export function invitableRoles(actorRole: MembershipRole): MembershipRole[] {
  return ASSIGNABLE_ROLES.tenant.filter((role) => decideInvitation(actorRole, 'tenant', role).ok);
}

export const ROLE_LABELS: Readonly<Record<MembershipRole, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  viewer: 'Viewer',
};
