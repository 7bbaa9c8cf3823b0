import { Hono } from 'hono';
import { listTenantsForUser } from '../../../db/queries/auth';
import { listAgencyIdsForUser } from '../../../db/queries/pipeline-health';
import { can } from '../../auth/roles';
import { appQuotas } from '../../env';
import { platformQuotaBudgets, tenantHubBudgets } from '../../read-models/hub-budgets';
import { readAgencyPipelineHealth, readFleetPipelineHealth } from '../../read-models/pipeline-fleet';
import { readPipelineHealth } from '../../read-models/pipeline-health';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { requireUser } from '../middleware/auth';
import { requireOperator } from '../middleware/operator';

/**
 * Pipeline health: one tenant (any member; mounted under tenantRoutes, which resolves the tenant),
 * the signed-in user's agencies across their client tenants, and the operator's view of the fleet.
 */
export const tenantPipelineHealthRoutes = new Hono<AppEnv>().get('/tenants/:tenant/pipeline-health', async (c) => {
  const tenant = c.get('tenant');
  if (!can(tenant.role, 'view_dashboard')) throw new AppError('forbidden', 'Your role cannot see this tenant’s pipeline.');
  const health = await readPipelineHealth(
    { db: c.get('db'), tenant, budgets: tenantHubBudgets(c.env, tenant.id), quotas: appQuotas(c.get('config')) },
    c.get('scope').clock.now(),
  );
  return c.json(health);
});

export const pipelineOverviewRoutes = new Hono<AppEnv>()
  .get('/agency/pipeline-health', requireUser, async (c) => {
    const db = c.get('db');
    const agencyIds = await listAgencyIdsForUser(db, c.get('user').id);
    if (!agencyIds.length) throw new AppError('forbidden', 'The agency pipeline view is for members of an agency.');
    const tenants = (await listTenantsForUser(db, c.get('user').id)).filter((t) => t.agencyId && agencyIds.includes(t.agencyId));
    return c.json(
      await readAgencyPipelineHealth(
        db,
        tenants,
        (id) => tenantHubBudgets(c.env, id),
        appQuotas(c.get('config')),
        c.get('scope').clock.now(),
      ),
    );
  })
  .get('/ops/pipeline-health', requireOperator, async (c) =>
    c.json(
      await readFleetPipelineHealth(
        c.get('db'),
        { ofTenant: (id) => tenantHubBudgets(c.env, id), ofPlatform: (platform) => platformQuotaBudgets(c.env, platform) },
        appQuotas(c.get('config')),
        c.get('scope').clock.now(),
      ),
    ),
  );
