/** LinkedIn REST requests (Linkedin-Version + Rest.li 2.0 headers on every call). */
import type { z } from 'zod';
import type { DateWindow } from '../../lib/dates';
import { createPageGuard, type HttpFailure, type HttpOutcome, type HttpSession, joinUrl, pageCapFailure } from '../http';
import {
  LINKEDIN_API_VERSION,
  type LinkedInAccount,
  type LinkedInAnalyticsElement,
  type LinkedInCampaign,
  type LinkedInCampaignGroup,
  type LinkedInCreative,
  linkedInAccountSchema,
  linkedInAnalyticsResponseSchema,
  linkedInCampaignGroupSchema,
  linkedInCampaignSchema,
  linkedInCreativeSchema,
  linkedInSearchPageSchema,
  RESTLI_PROTOCOL_VERSION,
} from './api-types';
import { restliDateRange, restliList, restliQuery, restliUrnList, urn } from './restli';

/** Every status, so removed and finished campaigns still report the spend they had. */
export const LINKEDIN_ALL_STATUSES = ['ACTIVE', 'PAUSED', 'ARCHIVED', 'COMPLETED', 'CANCELED', 'DRAFT', 'PENDING_DELETION', 'REMOVED'];
export const LINKEDIN_ANALYTICS_FIELDS = [
  'dateRange',
  'pivotValues',
  'impressions',
  'clicks',
  'costInLocalCurrency',
  'costInUsd',
  'externalWebsiteConversions',
  'conversionValueInLocalCurrency',
] as const;
const SEARCH_PAGE_SIZE = '500';
const CREATIVE_PAGE_SIZE = '100';
/**
 * Pages of one entity list one call reads. The lists are needed whole (analytics asks by campaign),
 * so past this the call fails rather than buffering without end.
 */
export const LINKEDIN_MAX_LIST_PAGES = 100;

export type ListOutcome<T> = { ok: true; items: T[] } | { ok: false; failure: HttpFailure };

/** Query string of one adAnalytics request: creatives x campaigns, daily, over the window, for a batch of campaigns. */
export function analyticsQuery(window: DateWindow, campaignIds: readonly string[]): string {
  return restliQuery([
    ['q', 'statistics'],
    ['pivots', restliList(['CREATIVE', 'CAMPAIGN'])],
    ['timeGranularity', '(value:DAILY)'],
    ['dateRange', restliDateRange(window)],
    ['campaigns', restliUrnList(campaignIds.map(urn.campaign))],
    ['fields', LINKEDIN_ANALYTICS_FIELDS.join(',')],
  ]);
}

export interface LinkedInClient {
  adAccounts(): Promise<ListOutcome<LinkedInAccount>>;
  campaignGroups(accountId: string): Promise<ListOutcome<LinkedInCampaignGroup>>;
  campaigns(accountId: string): Promise<ListOutcome<LinkedInCampaign>>;
  creatives(accountId: string): Promise<ListOutcome<LinkedInCreative>>;
  analytics(window: DateWindow, campaignIds: readonly string[]): Promise<ListOutcome<LinkedInAnalyticsElement>>;
}

/** Requests with Bearer token, Linkedin-Version and Rest.li 2.0 headers. */
export function createLinkedInClient(options: { session: HttpSession; accessToken: string }): LinkedInClient {
  const { session } = options;
  const headers = {
    authorization: `Bearer ${options.accessToken}`,
    'linkedin-version': LINKEDIN_API_VERSION,
    'x-restli-protocol-version': RESTLI_PROTOCOL_VERSION,
  };
  const url = (path: string, query: string) => joinUrl(session.config.baseUrl, `/rest/${path}?${query}`);

  /** Search/criteria finders page with metadata.nextPageToken until it is absent. */
  async function allPages<T>(
    path: string,
    query: string,
    element: z.ZodType<T>,
    extraHeaders: Record<string, string> = {},
  ): Promise<ListOutcome<T>> {
    const schema = linkedInSearchPageSchema(element);
    const items: T[] = [];
    const guard = createPageGuard(LINKEDIN_MAX_LIST_PAGES);
    let pageToken: string | undefined;
    do {
      const pageQuery = pageToken ? `${query}&pageToken=${encodeURIComponent(pageToken)}` : query;
      const outcome: HttpOutcome<z.infer<typeof schema>> = await session.request({
        url: url(path, pageQuery),
        headers: { ...headers, ...extraHeaders },
        schema,
      });
      if (!outcome.ok) return outcome;
      items.push(...(outcome.body.elements as T[]));
      pageToken = outcome.body.metadata?.nextPageToken;
      if (pageToken) {
        const step = guard.next(pageToken);
        if (step === 'stop') return { ok: false, failure: pageCapFailure(LINKEDIN_MAX_LIST_PAGES, path.split('/').at(-1) ?? path) };
        if (step !== 'follow') return { ok: false, failure: step };
      }
    } while (pageToken);
    return { ok: true, items };
  }

  const search = `q=search&search=(status:(values:${restliList(LINKEDIN_ALL_STATUSES)}))&pageSize=${SEARCH_PAGE_SIZE}`;
  return {
    adAccounts: () => allPages('adAccounts', `q=search&pageSize=${SEARCH_PAGE_SIZE}`, linkedInAccountSchema),
    campaignGroups: (accountId) => allPages(`adAccounts/${accountId}/adCampaignGroups`, search, linkedInCampaignGroupSchema),
    campaigns: (accountId) => allPages(`adAccounts/${accountId}/adCampaigns`, search, linkedInCampaignSchema),
    creatives: (accountId) =>
      allPages(`adAccounts/${accountId}/creatives`, `q=criteria&pageSize=${CREATIVE_PAGE_SIZE}`, linkedInCreativeSchema, {
        'x-restli-method': 'FINDER',
      }),
    async analytics(window, campaignIds) {
      const outcome = await session.request({
        url: url('adAnalytics', analyticsQuery(window, campaignIds)),
        headers,
        schema: linkedInAnalyticsResponseSchema,
      });
      return outcome.ok ? { ok: true, items: outcome.body.elements } : outcome;
    },
  };
}
