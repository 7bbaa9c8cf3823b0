import { listTenantsForUser } from '$db/queries/auth';
import { applyBranding } from '$lib/branding';
import { requireTenant } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
  const { user, tenant } = await requireTenant(locals, url, params.tenant);
  const tenants = await listTenantsForUser(locals.db, user.id);
  return {
    tenant: {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      reportingCurrency: tenant.reportingCurrency,
      timeZone: tenant.timeZone,
      role: tenant.role,
      dataVersion: tenant.dataVersion,
    },
    branding: applyBranding(tenant.branding, tenant.name, tenant.id),
    hasOtherTenants: tenants.length > 1,
  };
};
