import { listTenantsForUser } from '$db/queries/auth';
import { requireUser } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const tenants = await listTenantsForUser(locals.db, user.id);
  return {
    tenants: tenants.map(({ id, slug, name, reportingCurrency, timeZone, via }) => ({ id, slug, name, reportingCurrency, timeZone, via })),
  };
};
