import { canConnect } from '$worker/auth/roles';
import { readAdAccountCards } from '$worker/read-models/ad-accounts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
  const { tenant } = await parent();
  return {
    accounts: await readAdAccountCards({ db: locals.db, tenant, telemetry: locals.telemetry }, locals.clock.now()),
    canConnect: canConnect(tenant.role),
    // A custom domain cannot finish an OAuth flow (the platforms return to the product's own address).
    connectHere: locals.host.kind !== 'tenant',
  };
};
