import { z } from 'zod';
import { syncLaneSchema } from '../../db/schema/enums';
import { isoDateSchema } from '../lib/dates';

/** One unit of sync work: a (tenant, ad account, date window). */
export const syncMessage = z.object({
  kind: z.literal('sync'),
  tenantId: z.string().uuid(),
  adAccountId: z.string().uuid(),
  lane: syncLaneSchema,
  from: isoDateSchema,
  to: isoDateSchema,
  /** Resume point inside the window after a rate limit (connector-specific). */
  cursor: z.string().nullable().default(null),
  /** When the scheduler planned this slot; what the sync fetches besides daily rows depends on it. */
  enqueuedAt: z.string(),
  /** How often this slot was deferred by a rate limit in a row (messages from before the field read as 0). */
  deferrals: z.number().int().min(0).default(0),
  /** The DataDog trace the cron started for this slot, so the consumer's spans join it (older messages have none). */
  trace: z
    .object({
      traceId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      parentId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    })
    .optional(),
});
export type SyncMessage = z.infer<typeof syncMessage>;

/**
 * The same slot again, resumed at `cursor`, for a deferred sync. It keeps `enqueuedAt`: a hot
 * slot that fetches names and hourly rows once an hour must fetch them when it finally runs, and
 * one that does not must not start to because its retry landed in the first minutes of an hour.
 * A throttled slot counts the deferral (its wait grows, and it is bounded); a continuation after
 * progress starts the count again.
 */
export function continuationOf(message: SyncMessage, cursor: string | null, reason: 'throttled' | 'progress'): SyncMessage {
  return { ...message, cursor, deferrals: reason === 'throttled' ? message.deferrals + 1 : 0 };
}

export const jobMessage = z.discriminatedUnion('kind', [syncMessage]);
export type JobMessage = z.infer<typeof jobMessage>;
