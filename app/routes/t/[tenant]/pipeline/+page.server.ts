import { error } from '@sveltejs/kit';
import { appQuotas, readConfig } from '$worker/env';
import { tenantHubBudgets } from '$worker/read-models/hub-budgets';
import { readPipelineHealth } from '$worker/read-models/pipeline-health';
import type { PageServerLoad } from './$types';

/** The same read model as GET /api/tenants/:tenant/pipeline-health. */
export const load: PageServerLoad = async ({ locals, parent, platform }) => {
  const { tenant } = await parent();
  if (!platform) error(500, 'The app must run inside the Worker.');
  return {
    health: await readPipelineHealth(
      {
        db: locals.db,
        tenant,
        telemetry: locals.telemetry,
        budgets: tenantHubBudgets(platform.env, tenant.id),
        quotas: appQuotas(readConfig(platform.env)),
      },
      locals.clock.now(),
    ),
  };
};
