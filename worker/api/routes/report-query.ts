import { z } from 'zod';
import { PLATFORMS } from '../../../db/schema/enum-values';
import { isoDateSchema } from '../../lib/dates';
import { METRIC_KEYS } from '../../report/metrics';
import { COMPARISONS } from '../../report/periods';
import type { AppContext } from '../context';
import { idParamSchema, readQuery } from '../validate';
import { refineRange } from './date-range';

/** Repeated parameters a report may carry (`?platform=meta&platform=linkedin`). */
const LIST_PARAMS = ['platform', 'account', 'campaign'] as const;

/** Most ids one filter may name: a bookmarkable URL stays short, and a query's IN list bounded. */
export const MAX_FILTER_IDS = 100;

const ids = (what: string) => z.array(idParamSchema).max(MAX_FILTER_IDS, `Name at most ${MAX_FILTER_IDS} ${what}.`).optional();

/**
 * A report widget's query: the range, a comparison (`previous`, `last-year` or `none`), filters by
 * platform, ad account and campaign (repeat the parameter for several; absent means all) and the
 * currency view (`original`: per account currency; `reporting`: the tenant's reporting currency).
 */
export const reportSelectionQuery = refineRange(
  z.object({
    from: isoDateSchema,
    to: isoDateSchema,
    compare: z.enum(COMPARISONS).default('none'),
    platform: z.array(z.enum(PLATFORMS)).max(PLATFORMS.length).optional(),
    account: ids('ad accounts'),
    campaign: ids('campaigns'),
    currency: z.enum(['original', 'reporting']).default('original'),
  }),
);

/** Top ads: rank by any metric, highest or lowest first, at most 100. */
export const topAdsQuery = z.object({
  metric: z.enum(METRIC_KEYS).default('spend'),
  order: z.enum(['desc', 'asc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

/**
 * The query string as the schemas expect it: list parameters as arrays, every other parameter as
 * its one value (given twice, it stays an array and fails validation instead of one silently winning).
 */
export function readReportParams(c: AppContext): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    raw[key] = (LIST_PARAMS as readonly string[]).includes(key) || values.length > 1 ? values : (values[0] ?? '');
  }
  return raw;
}

/** Validates a report query (and any extra schema, like top ads' options) against the request's parameters. */
export function readReportQuery<S extends z.ZodType>(c: AppContext, schema: S): z.infer<S> {
  return readQuery(c, schema, readReportParams(c));
}
