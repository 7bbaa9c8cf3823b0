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
  enqueuedAt: z.string(),
});
export type SyncMessage = z.infer<typeof syncMessage>;

export const jobMessage = z.discriminatedUnion('kind', [syncMessage]);
export type JobMessage = z.infer<typeof jobMessage>;
