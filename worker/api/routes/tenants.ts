import { Hono } from 'hono';
import { z } from 'zod';
import { listTenantsForUser } from '../../../db/queries/auth';
import { isoDateSchema } from '../../lib/dates';
import {
  readCampaignPerformance,
  readCampaignPerformanceConverted,
  readOverviewKpis,
  readOverviewKpisConverted,
  readSpendByDay,
  readSpendByDayConverted,
} from '../../read-models/overview';
import { MAX_PACING_COMPARISON_DAYS, readHourlyPacing, readPacingComparison } from '../../read-models/pacing';
import type { Cached } from '../../read-models/scope';
import { type AppContext, type AppEnv, tenantScope } from '../context';
import { requireTenant, requireUser } from '../middleware/auth';
import { readQuery } from '../validate';
import { connectionRoutes } from './connections';
import { reportQuery } from './date-range';
import { tenantDomainRoutes } from './domains';
import { tenantPipelineHealthRoutes } from './pipeline-health';
import { reportRoutes } from './report';
import { tenantSettingsRoutes } from './settings';

const pacingQuery = z.object({
  date: isoDateSchema,
  compare: z.coerce.number().int().min(1).max(MAX_PACING_COMPARISON_DAYS).optional(),
});

/** Says in a header whether a cached read model answered from the cache. */
function reportCache<T>(c: AppContext, { value, hit }: Cached<T>): T {
  c.header('x-tidemark-cache', hit ? 'hit' : 'miss');
  return value;
}

export const tenantRoutes = new Hono<AppEnv>()
  .use('/tenants', requireUser)
  .use('/tenants/*', requireUser)
  .get('/tenants', async (c) => c.json({ tenants: await listTenantsForUser(c.get('db'), c.get('user').id) }))
  .use('/tenants/:tenant/*', requireTenant)
  .get('/tenants/:tenant/overview', async (c) => {
    const { currency, ...range } = readQuery(c, reportQuery);
    const tenant = c.get('tenant');
    if (currency === 'reporting') {
      const { value, conversion } = reportCache(c, await readOverviewKpisConverted(tenantScope(c), range, tenant.reportingCurrency));
      return c.json({ tenant, range, currency, kpis: value, conversion });
    }
    const kpis = reportCache(c, await readOverviewKpis(tenantScope(c), range));
    return c.json({ tenant, range, kpis });
  })
  .get('/tenants/:tenant/spend-by-day', async (c) => {
    const { currency, ...range } = readQuery(c, reportQuery);
    const tenant = c.get('tenant');
    if (currency === 'reporting') {
      const { value, conversion } = reportCache(c, await readSpendByDayConverted(tenantScope(c), range, tenant.reportingCurrency));
      return c.json({ tenant, range, currency, days: value, conversion });
    }
    const days = reportCache(c, await readSpendByDay(tenantScope(c), range));
    return c.json({ tenant, range, days });
  })
  .get('/tenants/:tenant/campaigns', async (c) => {
    const { currency, ...range } = readQuery(c, reportQuery);
    const tenant = c.get('tenant');
    if (currency === 'reporting') {
      const { value, conversion } = reportCache(c, await readCampaignPerformanceConverted(tenantScope(c), range, tenant.reportingCurrency));
      return c.json({ tenant, range, currency, campaigns: value, conversion });
    }
    const campaigns = reportCache(c, await readCampaignPerformance(tenantScope(c), range));
    return c.json({ tenant, range, campaigns });
  })
  .get('/tenants/:tenant/pacing', async (c) => {
    const { date, compare } = readQuery(c, pacingQuery);
    const hours = reportCache(c, await readHourlyPacing(tenantScope(c), date));
    // ?compare=N adds the same hours of the N previous days (the pacing page's comparison).
    if (compare === undefined) return c.json({ tenant: c.get('tenant'), date, hours });
    const comparison = reportCache(c, await readPacingComparison(tenantScope(c), date, compare));
    return c.json({ tenant: c.get('tenant'), date, hours, comparison });
  })
  .route('/', reportRoutes)
  .route('/', connectionRoutes)
  .route('/', tenantPipelineHealthRoutes)
  .route('/', tenantDomainRoutes)
  .route('/', tenantSettingsRoutes);
