import { MEMBERSHIP_ROLES, type MembershipRole } from '../../db/schema/enum-values';

/**
 * Who may do what in a tenant: the one place the API routes, the pages and the tenant hub ask.
 * Pure, so the rule is the same wherever it is checked.
 */

/** Higher is stronger, from the order of MEMBERSHIP_ROLES (owner 4, admin 3, editor 2, viewer 1). */
export const ROLE_RANK: Readonly<Record<MembershipRole, number>> = Object.fromEntries(
  MEMBERSHIP_ROLES.map((role, index) => [role, MEMBERSHIP_ROLES.length - index]),
) as Record<MembershipRole, number>;

export type Permission = 'view_dashboard' | 'connect_platforms' | 'manage_domains' | 'manage_settings';

/** The weakest role that holds each permission. */
const MINIMUM_ROLE: Readonly<Record<Permission, MembershipRole>> = {
  /** Every member sees the dashboards, the connections and the live updates. */
  view_dashboard: 'viewer',
  /** Adding, renewing or reconnecting an ad-platform grant; viewers may look but not connect. */
  connect_platforms: 'editor',
  /** Custom hostnames decide where the tenant is served: its admins (and the agency's). */
  manage_domains: 'admin',
  /** Reporting currency, time zone and branding change every member's numbers and pages: admins (and the agency's). */
  manage_settings: 'admin',
};

/** True when `role` is `minimum` or stronger. */
export function isAtLeast(role: MembershipRole, minimum: MembershipRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/** The stronger of two roles (a user can reach a tenant directly and through its agency). */
export function strongerRole(a: MembershipRole, b: MembershipRole): MembershipRole {
  return ROLE_RANK[b] > ROLE_RANK[a] ? b : a;
}

export function can(role: MembershipRole, permission: Permission): boolean {
  return isAtLeast(role, MINIMUM_ROLE[permission]);
}

/** Owners, admins and editors may connect ad accounts; viewers may not. */
export function canConnect(role: MembershipRole): boolean {
  return can(role, 'connect_platforms');
}

/** Agency-level: creating, listing and revoking the agency's API keys is for its owners and admins. */
export function canManageAgencyKeys(role: MembershipRole): boolean {
  return isAtLeast(role, 'admin');
}

/** Where a membership or an invitation applies: the agency itself, or one tenant. */
export type PeopleScope = 'agency' | 'tenant';

/** The roles each scope hands out: an agency's people are owners or admins, a tenant's admins, editors or viewers. */
export const ASSIGNABLE_ROLES: Readonly<Record<PeopleScope, readonly MembershipRole[]>> = {
  agency: ['owner', 'admin'],
  tenant: ['admin', 'editor', 'viewer'],
};

/**
 * Who may invite, list and change the people of a scope: an agency's owners and admins (the agency,
 * and every tenant of it through `role` reached via the agency), and a tenant's own admins (that
 * tenant only). Editors and viewers manage nobody.
 */
export function canManagePeople(actorRole: MembershipRole): boolean {
  return isAtLeast(actorRole, 'admin');
}

/** Why a people change is refused; the transports turn it into 403 (or 409 for the last owner). */
export type PeopleRefusal = 'forbidden' | 'role_not_assignable' | 'above_own_role' | 'last_owner';

export type PeopleDecision = { ok: true } | { ok: false; reason: PeopleRefusal };

const refuse = (reason: PeopleRefusal): PeopleDecision => ({ ok: false, reason });

/** May `actorRole` invite someone to `scope` with `role`? Never above the actor's own role. */
export function decideInvitation(actorRole: MembershipRole, scope: PeopleScope, role: MembershipRole): PeopleDecision {
  if (!canManagePeople(actorRole)) return refuse('forbidden');
  if (!ASSIGNABLE_ROLES[scope].includes(role)) return refuse('role_not_assignable');
  if (ROLE_RANK[role] > ROLE_RANK[actorRole]) return refuse('above_own_role');
  return { ok: true };
}

export interface MemberChange {
  actorRole: MembershipRole;
  scope: PeopleScope;
  /** The member's current role in the scope. */
  targetRole: MembershipRole;
  /** A new role, or removal of the membership. */
  change: { kind: 'role'; role: MembershipRole } | { kind: 'remove' };
  /** How many owners the agency has now (agency scope only). */
  ownerCount: number;
}

/**
 * May the actor change or remove a member? Only managers of the scope; nobody touches a member
 * stronger than themselves or grants a role above their own; the agency's last owner stays an owner.
 */
export function decideMemberChange(c: MemberChange): PeopleDecision {
  if (!canManagePeople(c.actorRole)) return refuse('forbidden');
  if (ROLE_RANK[c.targetRole] > ROLE_RANK[c.actorRole]) return refuse('above_own_role');
  if (c.change.kind === 'role') {
    if (!ASSIGNABLE_ROLES[c.scope].includes(c.change.role)) return refuse('role_not_assignable');
    if (ROLE_RANK[c.change.role] > ROLE_RANK[c.actorRole]) return refuse('above_own_role');
  }
  const losesOwner = c.targetRole === 'owner' && (c.change.kind === 'remove' || c.change.role !== 'owner');
  if (c.scope === 'agency' && losesOwner && c.ownerCount <= 1) return refuse('last_owner');
  return { ok: true };
}
