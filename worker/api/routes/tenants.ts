import { Hono } from 'hono';
import { listTenantsForUser } from '../../../db/queries/auth';
import { getOverviewKpis, listCampaignPerformance, listSpendByDay } from '../../../db/queries/dashboard';
import type { AppEnv } from '../context';
import { requireTenant, requireUser } from '../middleware/auth';
import { readQuery } from '../validate';
import { connectionRoutes } from './connections';
import { dateRangeQuery } from './date-range';

export const tenantRoutes = new Hono<AppEnv>()
  .use('/tenants', requireUser)
  .use('/tenants/*', requireUser)
  .get('/tenants', async (c) => c.json({ tenants: await listTenantsForUser(c.get('db'), c.get('user').id) }))
  .use('/tenants/:tenant/*', requireTenant)
  .get('/tenants/:tenant/overview', async (c) => {
    const range = readQuery(c, dateRangeQuery);
    const tenant = c.get('tenant');
    return c.json({ tenant, range, kpis: await getOverviewKpis(c.get('db'), tenant.id, range) });
  })
  .get('/tenants/:tenant/spend-by-day', async (c) => {
    const range = readQuery(c, dateRangeQuery);
    const tenant = c.get('tenant');
    return c.json({ tenant, range, days: await listSpendByDay(c.get('db'), tenant.id, range) });
  })
  .get('/tenants/:tenant/campaigns', async (c) => {
    const range = readQuery(c, dateRangeQuery);
    const tenant = c.get('tenant');
    return c.json({ tenant, range, campaigns: await listCampaignPerformance(c.get('db'), tenant.id, range) });
  })
  .route('/', connectionRoutes);
