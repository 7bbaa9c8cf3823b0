import { error } from '@sveltejs/kit';
import { listTenantsForUser } from '$db/queries/auth';
import { listAgencyIdsForUser } from '$db/queries/pipeline-health';
import { requireUser } from '$lib/server/guards';
import { appQuotas, readConfig } from '$worker/env';
import { tenantHubBudgets } from '$worker/read-models/hub-budgets';
import { readAgencyPipelineHealth } from '$worker/read-models/pipeline-fleet';
import type { PageServerLoad } from './$types';

/** The agency's clients, worst first: the same read model as GET /api/agency/pipeline-health. */
export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const user = requireUser(locals, url);
  if (!platform) error(500, 'The app must run inside the Worker.');
  const agencyIds = await listAgencyIdsForUser(locals.db, user.id);
  if (!agencyIds.length) error(403, 'The pipeline overview is for members of an agency.');
  const tenants = (await listTenantsForUser(locals.db, user.id)).filter((t) => t.agencyId && agencyIds.includes(t.agencyId));
  return {
    overview: await readAgencyPipelineHealth(
      locals.db,
      tenants,
      (id) => tenantHubBudgets(platform.env, id),
      appQuotas(readConfig(platform.env)),
      locals.clock.now(),
    ),
  };
};
