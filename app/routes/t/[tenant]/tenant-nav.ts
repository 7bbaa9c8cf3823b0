import type { MembershipRole } from '$db/schema/enum-values';
import { can } from '$worker/auth/roles';

export interface NavLink {
  href: string;
  label: string;
}

/** The tenant's section tabs for a member with `role`, in order. */
export function tenantNavLinks(slug: string, role: MembershipRole): NavLink[] {
  const base = `/t/${slug}`;
  return [
    { href: base, label: 'Overview' },
    { href: `${base}/campaigns`, label: 'Campaigns' },
    { href: `${base}/ads`, label: 'Top ads' },
    { href: `${base}/pacing`, label: 'Pacing' },
    { href: `${base}/connections`, label: 'Connections' },
    { href: `${base}/pipeline`, label: 'Pipeline' },
    // Every member may open the settings: admins change them, everyone else reads them.
    ...(can(role, 'view_dashboard') ? [{ href: `${base}/settings`, label: 'Settings' }] : []),
  ];
}

/** A campaign's page sits under Campaigns; the overview's path is every page's prefix, so it must match exactly. */
export function isCurrentLink(pathname: string, href: string, slug: string): boolean {
  return pathname === href || (href !== `/t/${slug}` && pathname.startsWith(`${href}/`));
}
