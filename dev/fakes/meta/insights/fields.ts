/** The Ads Insights fields this fake computes; any other name gets Meta's "is not valid for fields param" error. */

export const ENTITY_FIELDS = [
  'account_id',
  'account_name',
  'account_currency',
  'campaign_id',
  'campaign_name',
  'adset_id',
  'adset_name',
  'ad_id',
  'ad_name',
  'objective',
  'optimization_goal',
  'buying_type',
  'created_time',
  'updated_time',
] as const;

export const METRIC_FIELDS = [
  'impressions',
  'clicks',
  'spend',
  'reach',
  'frequency',
  'ctr',
  'cpc',
  'cpm',
  'cpp',
  'actions',
  'action_values',
  'cost_per_action_type',
  'purchase_roas',
  'inline_link_clicks',
  'inline_link_click_ctr',
  'cost_per_inline_link_click',
  'inline_post_engagement',
  'cost_per_inline_post_engagement',
  'outbound_clicks',
  'outbound_clicks_ctr',
  'cost_per_outbound_click',
  'website_ctr',
] as const;

export const DATE_FIELDS = ['date_start', 'date_stop'] as const;

export type InsightsField = (typeof ENTITY_FIELDS)[number] | (typeof METRIC_FIELDS)[number] | (typeof DATE_FIELDS)[number];

const KNOWN = new Set<string>([...ENTITY_FIELDS, ...METRIC_FIELDS, ...DATE_FIELDS]);

export function isInsightsField(name: string): name is InsightsField {
  return KNOWN.has(name);
}

/** What Meta returns when `fields` is omitted: basic delivery metrics. */
export const DEFAULT_INSIGHTS_FIELDS: InsightsField[] = ['impressions', 'spend'];

export const BREAKDOWNS = ['publisher_platform', 'device_platform', 'hourly_stats_aggregated_by_advertiser_time_zone'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * Windows a client may request. 7d_view and 28d_view are accepted but never returned
 * (Meta stopped returning them on 2026-01-12).
 */
export const ATTRIBUTION_WINDOWS = ['1d_click', '7d_click', '28d_click', '1d_view', '7d_view', '28d_view', '1d_ev'] as const;
export type AttributionWindow = (typeof ATTRIBUTION_WINDOWS)[number];
export const RETIRED_WINDOWS: readonly AttributionWindow[] = ['7d_view', '28d_view'];

/** The action types that carry the world's conversions (and, in action_values, its conversion value). */
export const PURCHASE_ACTION_TYPES = ['offsite_conversion.fb_pixel_purchase', 'omni_purchase'] as const;

export const EFFECTIVE_STATUSES = [
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
