import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Queue messages that used up their retries. Operator data, not tenant data: the pipeline
 * page and `npm run dlq` read it with operator credentials, and re-driving re-enqueues the body.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull().unique(),
    queue: text('queue').notNull(),
    tenantId: uuid('tenant_id'),
    body: jsonb('body').notNull(),
    attempts: integer('attempts').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    redrivenAt: timestamp('redriven_at', { withTimezone: true }),
  },
  (t) => [index('dead_letters_received_idx').on(t.receivedAt), index('dead_letters_tenant_idx').on(t.tenantId)],
);
