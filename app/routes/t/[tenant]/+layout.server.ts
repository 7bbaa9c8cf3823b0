import { listTenantsForUser } from '$db/queries/auth';
import { applyBranding } from '$lib/branding';
import { requireTenant } from '$lib/server/guards';
import { readHubSeq } from '$worker/realtime/hub-seq';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params, platform }) => {
  const { user, tenant } = await requireTenant(locals, url, params.tenant);
  // Read before the pages read their data (they await this layout), so live pages resume from it without a gap.
  const [tenants, liveSeq] = await Promise.all([
    listTenantsForUser(locals.db, user.id),
    platform ? readHubSeq(platform.env, tenant.id) : Promise.resolve(null),
  ]);
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
    liveSeq,
  };
};
