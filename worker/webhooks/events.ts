/**
 * The events agencies can subscribe to, as the sync pipeline records them (in the same transaction
 * as the fact they report) and as receivers get them: `{ id, type, created, tenant, data }`. Pure.
 */
import type { WebhookEventType } from '../../db/schema';

export interface NewWebhookEvent {
  type: WebhookEventType;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** Set for events that must happen once however often their message is delivered. */
  dedupeKey?: string;
}

interface SyncFacts {
  adAccountId: string;
  platform: string;
  lane: string;
  from: string;
  to: string;
}

export function syncCompleted(sync: SyncFacts & { rows: number; apiCalls: number; dataVersion: number }, at: Date): NewWebhookEvent {
  return { type: 'sync.completed', occurredAt: at, payload: { ...sync } };
}

/** A sync that will not be retried (a permanent error, a lost grant, or its retries used up). */
export function syncFailed(sync: SyncFacts & { error: { kind: string; message: string } }, at: Date): NewWebhookEvent {
  return { type: 'sync.failed', occurredAt: at, payload: { ...sync } };
}

export function connectionNeedsReauth(connection: { connectionId: string; platform: string; reason: string }, at: Date): NewWebhookEvent {
  return {
    type: 'connection.needs_reauth',
    occurredAt: at,
    payload: connection,
  };
}

export function backfillCompleted(
  backfill: { adAccountId: string; platform: string; from: string; to: string; windows: number; rows: number },
  at: Date,
): NewWebhookEvent {
  return {
    type: 'backfill.completed',
    occurredAt: at,
    payload: backfill,
    dedupeKey: `backfill:${backfill.adAccountId}:${backfill.from}:${backfill.to}`,
  };
}

/** The JSON a receiver gets (and the bytes the signature covers). */
export function deliveryBody(event: {
  id: string;
  type: string;
  tenantId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created: Math.floor(event.occurredAt.getTime() / 1000),
    tenant: { id: event.tenantId },
    data: event.payload,
  });
}
