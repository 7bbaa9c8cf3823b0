import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Lanes of the sync schedule: hot every 15 minutes, settling nightly, backfill on connect. */
export const LANES = ['hot', 'settling', 'backfill', 'manual'] as const;
export type Lane = (typeof LANES)[number];

/** One unit of sync work: a (tenant, ad account, date window). */
export const syncMessage = z.object({
  kind: z.literal('sync'),
  tenantId: z.string().uuid(),
  adAccountId: z.string().uuid(),
  lane: z.enum(LANES),
  from: isoDate,
  to: isoDate,
  /** Resume point inside the window after a rate limit (connector-specific). */
  cursor: z.string().nullable().default(null),
  enqueuedAt: z.string(),
});
export type SyncMessage = z.infer<typeof syncMessage>;

export const jobMessage = z.discriminatedUnion('kind', [syncMessage]);
export type JobMessage = z.infer<typeof jobMessage>;
