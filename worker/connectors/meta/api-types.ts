/**
 * Meta Graph / Marketing API wire formats (AD-APIS.md §1). Metric values arrive as JSON strings,
 * missing metrics are absent keys (not zeros), ids are strings.
 */
import { z } from 'zod';
import { API_VERSIONS } from '../api-versions';

/** Pinned with its sunset date in ../api-versions.ts. */
export const META_API_VERSION = API_VERSIONS.meta.version;

const metricString = z.string();

export const metaActionSchema = z.looseObject({
  action_type: z.string(),
  value: metricString,
});
export type MetaAction = z.infer<typeof metaActionSchema>;

export const metaInsightsRowSchema = z.looseObject({
  account_id: z.string().optional(),
  account_currency: z.string().optional(),
  campaign_id: z.string().optional(),
  adset_id: z.string().optional(),
  ad_id: z.string().optional(),
  date_start: z.string(),
  date_stop: z.string(),
  impressions: metricString.optional(),
  clicks: metricString.optional(),
  spend: metricString.optional(),
  actions: z.array(metaActionSchema).optional(),
  action_values: z.array(metaActionSchema).optional(),
  /** Present with breakdowns=hourly_stats_aggregated_by_advertiser_time_zone: "13:00:00 - 13:59:59". */
  hourly_stats_aggregated_by_advertiser_time_zone: z.string().optional(),
});
export type MetaInsightsRow = z.infer<typeof metaInsightsRowSchema>;

const pagingSchema = z.looseObject({
  cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
  /** Absolute URL of the next page; absent on the last page. */
  next: z.string().optional(),
});

export const metaInsightsPageSchema = z.looseObject({
  data: z.array(metaInsightsRowSchema),
  paging: pagingSchema.optional(),
});
export type MetaInsightsPage = z.infer<typeof metaInsightsPageSchema>;

export const metaReportRunCreatedSchema = z.looseObject({ report_run_id: z.string() });

export const META_ASYNC_STATUSES = ['Job Not Started', 'Job Started', 'Job Running', 'Job Completed', 'Job Failed', 'Job Skipped'] as const;

export const metaReportRunSchema = z.looseObject({
  id: z.string(),
  async_status: z.string(),
  async_percent_completion: z.number().optional(),
  date_start: z.string().optional(),
  date_stop: z.string().optional(),
  // Failure details exist from v25.0 on.
  error_code: z.number().optional(),
  error_message: z.string().optional(),
});
export type MetaReportRun = z.infer<typeof metaReportRunSchema>;

const entityBase = {
  id: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
  effective_status: z.string().optional(),
};
export const metaCampaignSchema = z.looseObject(entityBase);
export const metaAdSetSchema = z.looseObject({ ...entityBase, campaign_id: z.string() });
export const metaAdSchema = z.looseObject({ ...entityBase, campaign_id: z.string(), adset_id: z.string() });
export type MetaCampaign = z.infer<typeof metaCampaignSchema>;
export type MetaAdSet = z.infer<typeof metaAdSetSchema>;
export type MetaAd = z.infer<typeof metaAdSchema>;

export function metaPageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), paging: pagingSchema.optional() });
}

export const metaAdAccountSchema = z.looseObject({
  id: z.string(),
  account_id: z.string(),
  name: z.string().optional(),
  currency: z.string(),
  timezone_name: z.string(),
  account_status: z.number().optional(),
});
export type MetaAdAccount = z.infer<typeof metaAdAccountSchema>;

export const metaErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type MetaErrorBody = z.infer<typeof metaErrorBodySchema>;

export const metaTokenSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string().optional(),
  /** Seconds; the short-lived token from the code exchange may omit it. */
  expires_in: z.number().optional(),
});

/** Usage headers: JSON-encoded strings (percentages 0-100+, regain time in minutes). */
export const metaBusinessUseCaseUsageSchema = z.record(
  z.string(),
  z.array(
    z.looseObject({
      type: z.string().optional(),
      call_count: z.number().optional(),
      total_cputime: z.number().optional(),
      total_time: z.number().optional(),
      estimated_time_to_regain_access: z.number().optional(),
    }),
  ),
);
export const metaAdAccountUsageSchema = z.looseObject({
  acc_id_util_pct: z.number().optional(),
  reset_time_duration: z.number().optional(),
});
export const metaAppUsageSchema = z.looseObject({
  call_count: z.number().optional(),
  total_cputime: z.number().optional(),
  total_time: z.number().optional(),
});
export const metaInsightsThrottleSchema = z.looseObject({
  app_id_util_pct: z.number().optional(),
  acc_id_util_pct: z.number().optional(),
});
