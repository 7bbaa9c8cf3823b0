import { redirect } from '@sveltejs/kit';
import { listTenantsForUser } from '$db/queries/auth';
import { requireUser } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/** Home: straight into the only dashboard, otherwise the tenant picker. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const tenants = await listTenantsForUser(locals.db, user.id);
  if (tenants.length === 1) redirect(303, `/t/${tenants[0]!.slug}`);
  redirect(303, '/tenants');
};
