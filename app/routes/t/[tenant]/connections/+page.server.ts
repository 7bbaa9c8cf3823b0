import { loadAdAccounts } from '$lib/server/connections';
import { canConnect } from '$worker/auth/roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
  const { tenant } = await parent();
  return {
    accounts: await loadAdAccounts(locals.db, tenant.id, new Date()),
    canConnect: canConnect(tenant.role),
  };
};
