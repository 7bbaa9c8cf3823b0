import { z } from 'zod';
import { isoDateSchema } from '../../lib/dates';

/** Longest range a dashboard query may ask for. */
export const MAX_RANGE_DAYS = 1200;

/** Requires `from` <= `to` and a bounded length of any query object with `from` and `to`. */
export function refineRange<S extends z.ZodType<{ from: string; to: string }>>(schema: S) {
  return schema
    .refine((r) => r.from <= r.to, { message: '`from` must be on or before `to`.', path: ['from'] })
    .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < MAX_RANGE_DAYS, {
      message: `The range may span at most ${MAX_RANGE_DAYS} days.`,
      path: ['to'],
    });
}

/** `?from=&to=` for dashboard queries: inclusive local dates, from <= to, bounded length. */
export const dateRangeQuery = refineRange(z.object({ from: isoDateSchema, to: isoDateSchema }));

export type DateRange = z.infer<typeof dateRangeQuery>;

/**
 * A dashboard report's query: the range, and `currency=original` (the default: one row per account
 * currency, nothing converted) or `currency=reporting` (everything in the tenant's reporting currency).
 */
export const reportQuery = z.intersection(dateRangeQuery, z.object({ currency: z.enum(['original', 'reporting']).default('original') }));
