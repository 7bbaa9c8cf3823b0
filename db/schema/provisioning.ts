import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './identity';

/**
 * One row per `Idempotency-Key` an agency sent with a POST to /api/v1. The key and the request are
 * stored as SHA-256 hex only. The row is inserted in the same transaction as the work, so a second
 * request with the same key waits on the first one's row lock and then replays its stored response.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    /** SHA-256 hex of the method, the path and the request body. */
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.keyHash] }),
    index('idempotency_keys_expires_at_idx').on(t.expiresAt),
    check('idempotency_keys_key_hash_format', sql`${t.keyHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
