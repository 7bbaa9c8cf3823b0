/**
 * Google Ads REST wire formats (AD-APIS.md §2): proto3 JSON, lowerCamelCase keys, int64 as
 * strings, doubles as numbers, enums as names. searchStream answers a JSON array of batches.
 */
import { z } from 'zod';
import { API_VERSIONS } from '../api-versions';

/** Pinned with its sunset date in ../api-versions.ts. */
export const GOOGLE_ADS_API_VERSION = API_VERSIONS.google_ads.version;

const int64 = z.string().regex(/^-?\d+$/);

export const googleAdsRowSchema = z.looseObject({
  customer: z.looseObject({ id: int64.optional(), currencyCode: z.string().optional(), timeZone: z.string().optional() }).optional(),
  campaign: z.looseObject({ id: int64.optional(), name: z.string().optional(), status: z.string().optional() }).optional(),
  adGroup: z
    .looseObject({ id: int64.optional(), name: z.string().optional(), status: z.string().optional(), campaign: z.string().optional() })
    .optional(),
  adGroupAd: z
    .looseObject({
      status: z.string().optional(),
      ad: z.looseObject({ id: int64.optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  segments: z.looseObject({ date: z.string().optional(), hour: z.number().int().optional() }).optional(),
  // Zero-valued metrics may be left out; absent means 0.
  metrics: z
    .looseObject({
      impressions: int64.optional(),
      clicks: int64.optional(),
      costMicros: int64.optional(),
      conversions: z.number().optional(),
      conversionsValue: z.number().optional(),
    })
    .optional(),
  customerClient: z
    .looseObject({
      clientCustomer: z.string().optional(),
      level: int64.optional(),
      id: int64.optional(),
      manager: z.boolean().optional(),
      descriptiveName: z.string().optional(),
      currencyCode: z.string().optional(),
      timeZone: z.string().optional(),
      status: z.string().optional(),
    })
    .optional(),
});
export type GoogleAdsRow = z.infer<typeof googleAdsRowSchema>;

const quotaErrorDetailsSchema = z.looseObject({
  rateScope: z.string().optional(),
  rateName: z.string().optional(),
  /** Duration like "40591s". */
  retryDelay: z.string().optional(),
});

export const googleAdsErrorSchema = z.looseObject({
  code: z.number(),
  message: z.string(),
  status: z.string().optional(),
  details: z
    .array(
      z.looseObject({
        '@type': z.string().optional(),
        errors: z
          .array(
            z.looseObject({
              errorCode: z.record(z.string(), z.string()).optional(),
              message: z.string().optional(),
              details: z.looseObject({ quotaErrorDetails: quotaErrorDetailsSchema.optional() }).optional(),
            }),
          )
          .optional(),
        requestId: z.string().optional(),
      }),
    )
    .optional(),
});
export type GoogleAdsError = z.infer<typeof googleAdsErrorSchema>;

/** Unary calls wrap the error in an object; searchStream wraps that object in an array. */
export const googleAdsErrorBodySchema = z.union([
  z.looseObject({ error: googleAdsErrorSchema }),
  z.array(z.looseObject({ error: googleAdsErrorSchema })).min(1),
]);

export const googleAdsStreamBatchSchema = z.looseObject({
  results: z.array(googleAdsRowSchema).optional(),
  fieldMask: z.string().optional(),
  requestId: z.string().optional(),
  queryResourceConsumption: int64.optional(),
  // A stream can fail after some batches; the failure then arrives as an element.
  error: googleAdsErrorSchema.optional(),
});
export const googleAdsSearchStreamSchema = z.array(googleAdsStreamBatchSchema);

export const googleAdsSearchPageSchema = z.looseObject({
  results: z.array(googleAdsRowSchema).optional(),
  nextPageToken: z.string().optional(),
  fieldMask: z.string().optional(),
});

export const googleAdsAccessibleCustomersSchema = z.looseObject({
  resourceNames: z.array(z.string()).default([]),
});

export const googleTokenSchema = z.looseObject({
  access_token: z.string(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});
