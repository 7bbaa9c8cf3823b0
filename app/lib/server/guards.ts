import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from '$db/queries/auth';
import { getTenantForUser, type TenantAccess } from '$db/queries/auth';
import type { Branding } from '$lib/branding';
import { isTenantRef } from '$worker/api/validate';

/** The signed-in user, or a redirect to /login that comes back to `url` afterwards. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return locals.user;
}

export type DashboardTenant = TenantAccess & { branding?: Branding };

/** The tenant in the URL if this user may open it; anyone else's tenant is a plain 404. */
export async function requireTenant(locals: App.Locals, url: URL, ref: string): Promise<{ user: SessionUser; tenant: DashboardTenant }> {
  const user = requireUser(locals, url);
  const found = isTenantRef(ref) ? await getTenantForUser(locals.db, user.id, ref) : null;
  // On a tenant's custom domain, only that tenant's dashboards exist.
  const tenant = locals.host.kind === 'tenant' && found?.id !== locals.host.tenant.id ? null : found;
  if (!tenant) error(404, 'There is no dashboard at this address, or it belongs to an account you are not a member of.');
  return { user, tenant };
}
