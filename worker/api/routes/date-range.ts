import { z } from 'zod';

/** A calendar date like 2026-11-01. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-01.')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'Not a calendar date.',
  );

/** Longest range a dashboard query may ask for. */
export const MAX_RANGE_DAYS = 1200;

/** `?from=&to=` for dashboard queries: inclusive local dates, from <= to, bounded length. */
export const dateRangeQuery = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: '`from` must be on or before `to`.', path: ['from'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < MAX_RANGE_DAYS, {
    message: `The range may span at most ${MAX_RANGE_DAYS} days.`,
    path: ['to'],
  });

export type DateRange = z.infer<typeof dateRangeQuery>;
