/**
 * Meta Graph requests. Every response is parsed with zod; failures come back as HttpFailure
 * for the connector to classify. The token travels in the Authorization header, never in URLs.
 */
import type { z } from 'zod';
import type { DateWindow } from '../../lib/dates';
import { createPageGuard, type HttpFailure, type HttpOutcome, type HttpSession, joinUrl, pageCapFailure } from '../http';
import {
  META_API_VERSION,
  type MetaAd,
  type MetaAdAccount,
  type MetaAdSet,
  type MetaCampaign,
  type MetaInsightsRow,
  type MetaReportRun,
  metaAdAccountSchema,
  metaAdSchema,
  metaAdSetSchema,
  metaCampaignSchema,
  metaInsightsPageSchema,
  metaPageSchema,
  metaReportRunCreatedSchema,
  metaReportRunSchema,
} from './api-types';
import { META_ATTRIBUTION_WINDOWS } from './mapper';

export const META_INSIGHTS_FIELDS = [
  'ad_id',
  'adset_id',
  'campaign_id',
  'date_start',
  'date_stop',
  'impressions',
  'clicks',
  'spend',
  'actions',
  'action_values',
] as const;

// act_{id}/insights?level=ad leaves DELETED and ARCHIVED ads out unless asked for; their spend still counts.
export const META_AD_EFFECTIVE_STATUSES = [
  'ACTIVE',
  'PAUSED',
  'DELETED',
  'ARCHIVED',
  'CAMPAIGN_PAUSED',
  'ADSET_PAUSED',
  'PENDING_REVIEW',
  'DISAPPROVED',
  'PREAPPROVED',
  'PENDING_BILLING_INFO',
  'IN_PROCESS',
  'WITH_ISSUES',
] as const;
const ADSET_EFFECTIVE_STATUSES = ['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED', 'CAMPAIGN_PAUSED', 'IN_PROCESS', 'WITH_ISSUES'];
const CAMPAIGN_EFFECTIVE_STATUSES = ['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES'];

const PAGE_LIMIT = '500';
export const META_HOURLY_BREAKDOWN = 'hourly_stats_aggregated_by_advertiser_time_zone';

const statusFilter = (field: string, values: readonly string[]) => JSON.stringify([{ field, operator: 'IN', value: values }]);

/** The parameters of one account-level, ad-level, one-row-per-day insights report over a window. */
export function metaInsightsParams(window: DateWindow, options: { hourly?: boolean } = {}): Record<string, string> {
  const params: Record<string, string> = {
    level: 'ad',
    time_increment: '1',
    time_range: JSON.stringify({ since: window.from, until: window.to }),
    fields: META_INSIGHTS_FIELDS.join(','),
    filtering: statusFilter('ad.effective_status', META_AD_EFFECTIVE_STATUSES),
    action_attribution_windows: JSON.stringify(META_ATTRIBUTION_WINDOWS),
    limit: PAGE_LIMIT,
  };
  if (options.hourly) params.breakdowns = META_HOURLY_BREAKDOWN;
  return params;
}

/** Insights pages one call reads (500 rows each) before it hands back paging.next to continue in the next delivery. */
export const META_MAX_INSIGHTS_PAGES = 20;
/** Entity and account list pages one call reads; such a list is needed whole, so past this the call fails. */
export const META_MAX_LIST_PAGES = 100;

/** `next` (an absolute paging.next URL) is set when an insights read stopped at the page cap. */
export type PagesOutcome<T> = { ok: true; items: T[]; next?: string } | { ok: false; failure: HttpFailure };

export interface MetaClient {
  insights(accountId: string, window: DateWindow, options?: { hourly?: boolean }): Promise<PagesOutcome<MetaInsightsRow>>;
  /** Continues an insights read (sync or report run) from a paging.next an earlier call handed back. */
  insightsFrom(nextUrl: string): Promise<PagesOutcome<MetaInsightsRow>>;
  createReportRun(accountId: string, window: DateWindow, options?: { hourly?: boolean }): Promise<PagesOutcome<string>>;
  reportRun(reportRunId: string): Promise<PagesOutcome<MetaReportRun>>;
  reportRunInsights(reportRunId: string): Promise<PagesOutcome<MetaInsightsRow>>;
  campaigns(accountId: string): Promise<PagesOutcome<MetaCampaign>>;
  adSets(accountId: string): Promise<PagesOutcome<MetaAdSet>>;
  ads(accountId: string): Promise<PagesOutcome<MetaAd>>;
  adAccounts(): Promise<PagesOutcome<MetaAdAccount>>;
}

/** Graph requests on the pinned version; list edges follow paging.next to the end. */
export function createMetaClient(options: { session: HttpSession; accessToken: string }): MetaClient {
  const { session } = options;
  const baseUrl = session.config.baseUrl;
  const headers = { authorization: `Bearer ${options.accessToken}` };
  const url = (path: string, params: Record<string, string> = {}) => {
    const query = new URLSearchParams(params).toString();
    return joinUrl(baseUrl, `/${META_API_VERSION}/${path}${query ? `?${query}` : ''}`);
  };

  /**
   * Follows paging.next for up to maxPages pages. At the cap an insights read (`continuable`)
   * returns what it has and the next URL; any other list fails, as does a repeated next.
   */
  async function allPages<T>(
    firstUrl: string,
    item: z.ZodType<T>,
    paging: { maxPages: number; continuable: boolean },
  ): Promise<PagesOutcome<T>> {
    const schema = metaPageSchema(item);
    const items: T[] = [];
    const guard = createPageGuard(paging.maxPages, firstUrl);
    for (let next: string | undefined = firstUrl; next; ) {
      // paging.next is absolute; never send the token to a host other than the configured one.
      if (new URL(next).origin !== new URL(baseUrl).origin) {
        const message = `refusing paging.next on another host: ${new URL(next).origin}`;
        return { ok: false, failure: { type: 'unexpected_shape', status: 200, headers: new Headers(), message } };
      }
      const outcome: HttpOutcome<z.infer<typeof schema>> = await session.request({ url: next, headers, schema });
      if (!outcome.ok) return outcome;
      items.push(...(outcome.body.data as T[]));
      next = outcome.body.paging?.next;
      if (!next) break;
      const step = guard.next(next);
      if (step === 'stop') {
        return paging.continuable ? { ok: true, items, next } : { ok: false, failure: pageCapFailure(paging.maxPages, 'results') };
      }
      if (step !== 'follow') return { ok: false, failure: step };
    }
    return { ok: true, items };
  }
  const insightsPaging = { maxPages: META_MAX_INSIGHTS_PAGES, continuable: true };
  const listPaging = { maxPages: META_MAX_LIST_PAGES, continuable: false };

  const single = async <T>(outcome: Promise<{ ok: true; body: T } | { ok: false; failure: HttpFailure }>) => {
    const result = await outcome;
    return result.ok ? { ok: true as const, items: [result.body] } : result;
  };

  const entityFields = 'id,name,status,effective_status';
  return {
    insights: (accountId, window, opts) =>
      allPages(
        url(`act_${accountId}/insights`, metaInsightsParams(window, opts)),
        metaInsightsPageSchema.shape.data.element,
        insightsPaging,
      ),
    insightsFrom: (nextUrl) => allPages(nextUrl, metaInsightsPageSchema.shape.data.element, insightsPaging),
    async createReportRun(accountId, window, opts) {
      const outcome = await session.request({
        method: 'POST',
        url: url(`act_${accountId}/insights`),
        headers,
        body: new URLSearchParams(metaInsightsParams(window, opts)),
        schema: metaReportRunCreatedSchema,
      });
      return outcome.ok ? { ok: true, items: [outcome.body.report_run_id] } : outcome;
    },
    reportRun: (reportRunId) =>
      single(
        session.request({
          url: url(reportRunId, { fields: 'id,async_status,async_percent_completion' }),
          headers,
          schema: metaReportRunSchema,
        }),
      ),
    reportRunInsights: (reportRunId) =>
      allPages(url(`${reportRunId}/insights`, { limit: PAGE_LIMIT }), metaInsightsPageSchema.shape.data.element, insightsPaging),
    campaigns: (accountId) =>
      allPages(
        url(`act_${accountId}/campaigns`, {
          fields: entityFields,
          filtering: statusFilter('effective_status', CAMPAIGN_EFFECTIVE_STATUSES),
          limit: PAGE_LIMIT,
        }),
        metaCampaignSchema,
        listPaging,
      ),
    adSets: (accountId) =>
      allPages(
        url(`act_${accountId}/adsets`, {
          fields: `${entityFields},campaign_id`,
          filtering: statusFilter('effective_status', ADSET_EFFECTIVE_STATUSES),
          limit: PAGE_LIMIT,
        }),
        metaAdSetSchema,
        listPaging,
      ),
    ads: (accountId) =>
      allPages(
        url(`act_${accountId}/ads`, {
          fields: `${entityFields},adset_id,campaign_id`,
          filtering: statusFilter('effective_status', META_AD_EFFECTIVE_STATUSES),
          limit: PAGE_LIMIT,
        }),
        metaAdSchema,
        listPaging,
      ),
    adAccounts: () =>
      allPages(
        url('me/adaccounts', { fields: 'id,account_id,name,currency,timezone_name,account_status', limit: PAGE_LIMIT }),
        metaAdAccountSchema,
        listPaging,
      ),
  };
}
