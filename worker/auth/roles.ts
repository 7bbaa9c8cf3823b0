import { MEMBERSHIP_ROLES, type MembershipRole } from '../../db/schema/enum-values';

/**
 * Who may do what in a tenant: the one place the API routes, the pages and the tenant hub ask.
 * Pure, so the rule is the same wherever it is checked.
 */

/** Higher is stronger, from the order of MEMBERSHIP_ROLES (owner 4, admin 3, editor 2, viewer 1). */
export const ROLE_RANK: Readonly<Record<MembershipRole, number>> = Object.fromEntries(
  MEMBERSHIP_ROLES.map((role, index) => [role, MEMBERSHIP_ROLES.length - index]),
) as Record<MembershipRole, number>;

export type Permission = 'view_dashboard' | 'connect_platforms' | 'manage_domains';

/** The weakest role that holds each permission. */
const MINIMUM_ROLE: Readonly<Record<Permission, MembershipRole>> = {
  /** Every member sees the dashboards, the connections and the live updates. */
  view_dashboard: 'viewer',
  /** Adding, renewing or reconnecting an ad-platform grant; viewers may look but not connect. */
  connect_platforms: 'editor',
  /** Custom hostnames decide where the tenant is served: its admins (and the agency's). */
  manage_domains: 'admin',
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
