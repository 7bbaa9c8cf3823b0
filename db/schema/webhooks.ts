import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies, tenants } from './identity';

/** The events an agency can subscribe to (worker/webhooks/events.ts builds their payloads). */
export const WEBHOOK_EVENT_TYPES = ['sync.completed', 'sync.failed', 'connection.needs_reauth', 'backfill.completed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Outbox of a tenant's events, written in the same transaction as what they report (a sync's commit,
 * a connection's loss), so an event exists exactly when its fact does. `dedupeKey` makes an event that
 * must happen once (a backfill completing) survive a redelivered message. Row-level security by tenant.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type').$type<WebhookEventType>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** Set once every subscribed endpoint got it or gave up; the cron re-dispatches events left unset. */
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_events_dedupe_idx').on(t.tenantId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index('webhook_events_undispatched_idx').on(t.occurredAt).where(sql`${t.dispatchedAt} is null`),
  ],
);

/** An agency's receiver: an https URL, the events it wants, its signing secret (encrypted; shown once). Row-level security by agency. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events').array().$type<WebhookEventType[]>().notNull(),
    secretEnc: text('secret_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [index('webhook_endpoints_agency_id_idx').on(t.agencyId)],
);

/** One event to one endpoint: attempts, the last answer, delivered or given up. Row-level security by agency. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').$type<WebhookEventType>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('webhook_deliveries_event_endpoint_idx').on(t.eventId, t.endpointId)],
);
