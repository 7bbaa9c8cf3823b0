/**
 * LinkedIn Marketing API wire formats (AD-APIS.md §3). Counts are JSON integers; money fields
 * are decimal strings, sometimes with binary-float tails ("107.5300000000000335346").
 */
import { z } from 'zod';
import { API_VERSIONS } from '../api-versions';

/** Pinned with its sunset date in ../api-versions.ts. */
export const LINKEDIN_API_VERSION = API_VERSIONS.linkedin.version;
export const RESTLI_PROTOCOL_VERSION = '2.0.0';

const datePartsSchema = z.looseObject({ year: z.number().int(), month: z.number().int(), day: z.number().int() });

export const linkedInAnalyticsElementSchema = z.looseObject({
  dateRange: z.looseObject({ start: datePartsSchema, end: datePartsSchema.optional() }),
  pivotValues: z.array(z.string()),
  impressions: z.number().int().optional(),
  clicks: z.number().int().optional(),
  costInLocalCurrency: z.string().optional(),
  costInUsd: z.string().optional(),
  externalWebsiteConversions: z.number().optional(),
  conversionValueInLocalCurrency: z.string().optional(),
});
export type LinkedInAnalyticsElement = z.infer<typeof linkedInAnalyticsElementSchema>;

export const linkedInAnalyticsResponseSchema = z.looseObject({
  paging: z.looseObject({ start: z.number().optional(), count: z.number().optional() }).optional(),
  elements: z.array(linkedInAnalyticsElementSchema),
});

const searchMetadataSchema = z.looseObject({ nextPageToken: z.string().optional() }).optional();

export function linkedInSearchPageSchema<T extends z.ZodType>(element: T) {
  return z.looseObject({ elements: z.array(element), metadata: searchMetadataSchema });
}

export const linkedInAccountSchema = z.looseObject({
  id: z.number(),
  name: z.string().optional(),
  status: z.string().optional(),
  currency: z.string(),
  type: z.string().optional(),
  test: z.boolean().optional(),
});
export type LinkedInAccount = z.infer<typeof linkedInAccountSchema>;

export const linkedInCampaignGroupSchema = z.looseObject({
  id: z.number(),
  name: z.string().optional(),
  status: z.string().optional(),
});
export type LinkedInCampaignGroup = z.infer<typeof linkedInCampaignGroupSchema>;

export const linkedInCampaignSchema = z.looseObject({
  id: z.number(),
  name: z.string().optional(),
  status: z.string().optional(),
  /** urn:li:sponsoredCampaignGroup:{id} */
  campaignGroup: z.string(),
  account: z.string().optional(),
});
export type LinkedInCampaign = z.infer<typeof linkedInCampaignSchema>;

export const linkedInCreativeSchema = z.looseObject({
  /** urn:li:sponsoredCreative:{id} */
  id: z.string(),
  /** urn:li:sponsoredCampaign:{id} */
  campaign: z.string(),
  name: z.string().optional(),
  intendedStatus: z.string().optional(),
});
export type LinkedInCreative = z.infer<typeof linkedInCreativeSchema>;

export const linkedInErrorSchema = z.looseObject({
  status: z.number().optional(),
  serviceErrorCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

export const linkedInTokenSchema = z.looseObject({
  access_token: z.string(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
  /** Comma-separated ("r_ads,r_ads_reporting"). */
  scope: z.string().optional(),
});
