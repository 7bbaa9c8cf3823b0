import { Hono } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../../db/client';
import { listTenantsForUser } from '../../../db/queries/auth';
import { getOverviewKpis, listCampaignPerformance, listSpendByDay } from '../../../db/queries/dashboard';
import { listHourlyPacing } from '../../../db/queries/pacing';
import { isoDateSchema } from '../../lib/dates';
import { cachedQuery } from '../../lib/query-cache';
import type { AppContext, AppEnv } from '../context';
import { requireTenant, requireUser } from '../middleware/auth';
import { readQuery } from '../validate';
import { connectionRoutes } from './connections';
import { dateRangeQuery } from './date-range';

/** Runs a dashboard query through the data-version cache and says which it was in a header. */
async function cached<T>(c: AppContext, name: string, params: Record<string, string>, load: () => Promise<T>): Promise<T> {
  const tenant = c.get('tenant');
  const { value, hit } = await cachedQuery({ tenantId: tenant.id, dataVersion: tenant.dataVersion }, name, params, load);
  c.header('x-tidemark-cache', hit ? 'hit' : 'miss');
  return value;
}

export const tenantRoutes = new Hono<AppEnv>()
  .use('/tenants', requireUser)
  .use('/tenants/*', requireUser)
  .get('/tenants', async (c) => c.json({ tenants: await listTenantsForUser(c.get('db'), c.get('user').id) }))
  .use('/tenants/:tenant/*', requireTenant)
  .get('/tenants/:tenant/overview', async (c) => {
    const range = readQuery(c, dateRangeQuery);
    const kpis = await cached(c, 'overview-kpis', range, () =>
      withTenant(c.get('db'), c.get('tenant').id, (tx) => getOverviewKpis(tx, range)),
    );
    return c.json({ tenant: c.get('tenant'), range, kpis });
  })
  .get('/tenants/:tenant/spend-by-day', async (c) => {
    const range = readQuery(c, dateRangeQuery);
    const days = await cached(c, 'spend-by-day', range, () =>
      withTenant(c.get('db'), c.get('tenant').id, (tx) => listSpendByDay(tx, range)),
    );
    return c.json({ tenant: c.get('tenant'), range, days });
  })
  .get('/tenants/:tenant/campaigns', async (c) => {
    const range = readQuery(c, dateRangeQuery);
    const campaigns = await cached(c, 'campaigns', range, () =>
      withTenant(c.get('db'), c.get('tenant').id, (tx) => listCampaignPerformance(tx, range)),
    );
    return c.json({ tenant: c.get('tenant'), range, campaigns });
  })
  .get('/tenants/:tenant/pacing', async (c) => {
    const { date } = readQuery(c, z.object({ date: isoDateSchema }));
    const hours = await cached(c, 'pacing', { date }, () =>
      withTenant(c.get('db'), c.get('tenant').id, (tx) => listHourlyPacing(tx, date)),
    );
    return c.json({ tenant: c.get('tenant'), date, hours });
  })
  .route('/', connectionRoutes);
