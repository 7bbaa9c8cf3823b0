/** Webhook events (a tenant's outbox), an agency's endpoints and their deliveries. */
import { and, arrayContains, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AgencyTx, TenantTx } from '../database';
import { type WebhookEventType, webhookDeliveries, webhookEndpoints, webhookEvents } from '../schema';

export interface WebhookEvent {
  id: string;
  tenantId: string;
  type: WebhookEventType;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

const eventColumns = {
  id: webhookEvents.id,
  tenantId: webhookEvents.tenantId,
  type: webhookEvents.type,
  payload: webhookEvents.payload,
  occurredAt: webhookEvents.occurredAt,
};

/** Writes an event in the caller's transaction; with a dedupe key, a second write of the same event is a no-op (null). */
export async function recordWebhookEvent(
  tx: TenantTx,
  event: { type: WebhookEventType; payload: Record<string, unknown>; occurredAt: Date; dedupeKey?: string },
): Promise<string | null> {
  const [row] = await tx.db
    .insert(webhookEvents)
    .values({ tenantId: tx.tenantId, ...event })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  return row?.id ?? null;
}

export async function loadWebhookEvent(tx: TenantTx, id: string): Promise<(WebhookEvent & { dispatchedAt: Date | null }) | null> {
  const [row] = await tx.db
    .select({ ...eventColumns, dispatchedAt: webhookEvents.dispatchedAt })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.tenantId, tx.tenantId), eq(webhookEvents.id, id)));
  return row ?? null;
}

/** Events nobody dispatched (a lost queue message), oldest first. */
export async function listUndispatchedEvents(tx: TenantTx, before: Date, limit: number): Promise<string[]> {
  const rows = await tx.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.tenantId, tx.tenantId), isNull(webhookEvents.dispatchedAt), lt(webhookEvents.occurredAt, before)))
    .orderBy(asc(webhookEvents.occurredAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function markEventDispatched(tx: TenantTx, id: string, at: Date): Promise<void> {
  await tx.db
    .update(webhookEvents)
    .set({ dispatchedAt: at })
    .where(and(eq(webhookEvents.tenantId, tx.tenantId), eq(webhookEvents.id, id)));
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  secretEnc: string;
  createdAt: Date;
  disabledAt: Date | null;
}

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  secretEnc: webhookEndpoints.secretEnc,
  createdAt: webhookEndpoints.createdAt,
  disabledAt: webhookEndpoints.disabledAt,
};

export async function insertWebhookEndpoint(
  tx: AgencyTx,
  endpoint: { id: string; url: string; events: WebhookEventType[]; secretEnc: string },
): Promise<WebhookEndpoint> {
  const [row] = await tx.db
    .insert(webhookEndpoints)
    .values({ ...endpoint, agencyId: tx.agencyId })
    .returning(endpointColumns);
  return row!;
}

export async function listWebhookEndpoints(tx: AgencyTx): Promise<WebhookEndpoint[]> {
  return tx.db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.agencyId, tx.agencyId))
    .orderBy(asc(webhookEndpoints.createdAt));
}

/** Active endpoints that asked for this event type. */
export async function listSubscribedEndpoints(tx: AgencyTx, type: WebhookEventType): Promise<WebhookEndpoint[]> {
  return tx.db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(
      and(eq(webhookEndpoints.agencyId, tx.agencyId), isNull(webhookEndpoints.disabledAt), arrayContains(webhookEndpoints.events, [type])),
    );
}

export async function deleteWebhookEndpoint(tx: AgencyTx, id: string): Promise<boolean> {
  const rows = await tx.db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.agencyId, tx.agencyId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export interface DeliveryState {
  id: string;
  endpointId: string;
  attempts: number;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

/** The delivery of one event to one endpoint, created on first sight. */
export async function ensureDelivery(tx: AgencyTx, endpointId: string, event: Pick<WebhookEvent, 'id' | 'type'>): Promise<DeliveryState> {
  await tx.db
    .insert(webhookDeliveries)
    .values({ agencyId: tx.agencyId, endpointId, eventId: event.id, eventType: event.type })
    .onConflictDoNothing();
  const [row] = await tx.db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      attempts: webhookDeliveries.attempts,
      deliveredAt: webhookDeliveries.deliveredAt,
      failedAt: webhookDeliveries.failedAt,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.agencyId, tx.agencyId),
        eq(webhookDeliveries.eventId, event.id),
        eq(webhookDeliveries.endpointId, endpointId),
      ),
    );
  return row!;
}

export async function recordDeliveryAttempt(
  tx: AgencyTx,
  id: string,
  attempt: { at: Date; status: number | null; error: string | null; delivered: boolean; gaveUp: boolean },
): Promise<void> {
  await tx.db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatus: attempt.status,
      lastError: attempt.error,
      updatedAt: attempt.at,
      ...(attempt.delivered ? { deliveredAt: attempt.at } : {}),
      ...(attempt.gaveUp ? { failedAt: attempt.at } : {}),
    })
    .where(and(eq(webhookDeliveries.agencyId, tx.agencyId), eq(webhookDeliveries.id, id)));
}

/** Deletes up to `limit` of the tenant's events that were dispatched before `before` (their deliveries keep the record). */
export async function purgeDispatchedEvents(tx: TenantTx, before: Date, limit: number): Promise<number> {
  const doomed = tx.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.tenantId, tx.tenantId), lt(webhookEvents.dispatchedAt, before)))
    .limit(limit);
  const deleted = await tx.db.delete(webhookEvents).where(inArray(webhookEvents.id, doomed)).returning({ id: webhookEvents.id });
  return deleted.length;
}
