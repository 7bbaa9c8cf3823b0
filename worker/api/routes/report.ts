import { Hono } from 'hono';
import { settlingDays } from '../../env';
import { readAccountFreshness } from '../../read-models/freshness';
import {
  type ReportRequest,
  readReportAdGroups,
  readReportAds,
  readReportByAccount,
  readReportByDay,
  readReportByPlatform,
  readReportCampaigns,
  readReportTotals,
} from '../../read-models/report';
import type { Cached } from '../../read-models/scope';
import { type AppContext, type AppEnv, tenantScope } from '../context';
import { readReportQuery, reportSelectionQuery, topAdsQuery } from './report-query';

/*
 * The dashboard's report widgets, one endpoint each so a live update refetches only the widgets it
 * touches: GET /api/tenants/:tenant/report/<widget>?from&to[&compare][&platform…][&account…][&campaign…][&currency].
 * Mounted under the tenant routes (signed in, tenant resolved).
 */

function requestOf(c: AppContext): ReportRequest {
  const query = readReportQuery(c, reportSelectionQuery);
  return {
    from: query.from,
    to: query.to,
    compare: query.compare,
    platforms: query.platform ?? null,
    adAccountIds: query.account ?? null,
    campaignIds: query.campaign ?? null,
    currency: query.currency,
    reportingCurrency: c.get('tenant').reportingCurrency,
  };
}

async function answer<T>(c: AppContext, read: Promise<Cached<T>>) {
  const { value, hit } = await read;
  c.header('x-tidemark-cache', hit ? 'hit' : 'miss');
  return c.json(value as object);
}

export const reportRoutes = new Hono<AppEnv>()
  .get('/tenants/:tenant/report/totals', (c) => answer(c, readReportTotals(tenantScope(c), requestOf(c))))
  .get('/tenants/:tenant/report/by-day', (c) => answer(c, readReportByDay(tenantScope(c), requestOf(c))))
  .get('/tenants/:tenant/report/by-platform', (c) => answer(c, readReportByPlatform(tenantScope(c), requestOf(c))))
  .get('/tenants/:tenant/report/by-account', (c) => answer(c, readReportByAccount(tenantScope(c), requestOf(c))))
  .get('/tenants/:tenant/report/campaigns', (c) => answer(c, readReportCampaigns(tenantScope(c), requestOf(c))))
  .get('/tenants/:tenant/report/ad-groups', (c) => answer(c, readReportAdGroups(tenantScope(c), requestOf(c))))
  .get('/tenants/:tenant/report/freshness', async (c) => {
    const now = c.get('scope').clock.now();
    return c.json({ accounts: await readAccountFreshness(tenantScope(c), now, settlingDays(c.get('config'))) });
  })
  .get('/tenants/:tenant/report/ads', (c) => {
    const request = requestOf(c);
    return answer(c, readReportAds(tenantScope(c), request, readReportQuery(c, topAdsQuery)));
  });
