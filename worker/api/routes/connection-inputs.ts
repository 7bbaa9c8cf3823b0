import { z } from 'zod';
import { platformSchema } from '../../../db/schema/enums';
import type { PickResult } from '../../connections/pick';
import { DEFAULT_BACKFILL_DAYS, MAX_BACKFILL_DAYS } from '../../jobs/backfill';
import { enqueueSyncs } from '../../jobs/enqueue';
import { clockOf } from '../../lib/clock';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { idParamSchema, readParam } from '../validate';

/** What the connect and pick routes of a signed-in user and of an onboarding link share. */
export const backfillDaysSchema = z
  .number()
  .int()
  .min(1)
  .max(Math.max(...Object.values(MAX_BACKFILL_DAYS)));

export const connectBody = z.object({ backfillDays: backfillDaysSchema.default(DEFAULT_BACKFILL_DAYS) }).strict();
export const pickBody = z
  .object({
    adAccountIds: z.array(idParamSchema).min(1).max(200),
    sync: z.boolean(),
    backfillDays: backfillDaysSchema.optional(),
  })
  .strict();
/** `:platform` of the path; the message never echoes the parameter (it may be anything, NUL bytes included). */
export function parsePlatform(c: AppContext) {
  return readParam(c, 'platform', platformSchema, `No such platform: use one of ${platformSchema.options.join(', ')}.`);
}

/** A pick that could not be applied, as the API's problem details. */
export function pickRefusal(result: Exclude<PickResult, { ok: true }>): AppError {
  if (result.reason === 'not_found') return new AppError('not_found', 'No such ad account.');
  return new AppError('conflict', 'A disconnected ad account cannot sync: connect its platform again first.');
}

/** The API's way of enqueuing from a request: through the sync queue, on the pipeline's clock. */
export function requestEnqueue(c: AppContext) {
  const clock = clockOf(c.get('config'));
  return { now: () => clock.now(), enqueue: (messages: Parameters<typeof enqueueSyncs>[1]) => enqueueSyncs(c.env, messages, 0, clock) };
}
