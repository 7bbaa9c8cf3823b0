/**
 * Delivers one recorded event to every endpoint of the tenant's agency that asked for it, signed,
 * with a 10-second timeout and no redirects followed. A delivery that fails is retried through the
 * queue (backoff grows to an hour) until MAX_DELIVERY_ATTEMPTS, then given up and recorded as failed;
 * an endpoint that already has the event is never sent it again, so a redelivered message is safe.
 */
import { type Database, withAgency, withTenant } from '../../db/database';
import { findTenantAgency } from '../../db/queries/tenant-agency';
import {
  ensureDelivery,
  listSubscribedEndpoints,
  loadWebhookEvent,
  markEventDispatched,
  recordDeliveryAttempt,
  type WebhookEndpoint,
} from '../../db/queries/webhooks';
import type { TokenKeyring } from '../auth/token-crypto';
import { deliveryBody } from './events';
import { openEndpointSecret } from './secrets';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export const MAX_DELIVERY_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

export interface WebhookDeps {
  db: Database;
  keyring: TokenKeyring;
  fetch: typeof fetch;
  now: () => Date;
}

/** 'retry' while some endpoint should get another attempt; 'done' once every one got it or gave up. */
export async function dispatchEvent(deps: WebhookDeps, tenantId: string, eventId: string, attempt: number): Promise<'done' | 'retry'> {
  const event = await withTenant(deps.db, tenantId, (tx) => loadWebhookEvent(tx, eventId));
  if (!event || event.dispatchedAt) return 'done';
  const agencyId = await findTenantAgency(deps.db, tenantId);
  let again = false;
  if (agencyId) {
    const endpoints = await withAgency(deps.db, agencyId, (tx) => listSubscribedEndpoints(tx, event.type));
    const body = deliveryBody(event);
    for (const endpoint of endpoints) {
      const delivery = await withAgency(deps.db, agencyId, (tx) => ensureDelivery(tx, endpoint.id, event));
      if (delivery.deliveredAt || delivery.failedAt) continue;
      const sent = await send(deps, agencyId, endpoint, event, body);
      const gaveUp = !sent.ok && attempt >= MAX_DELIVERY_ATTEMPTS;
      await withAgency(deps.db, agencyId, (tx) =>
        recordDeliveryAttempt(tx, delivery.id, { at: deps.now(), status: sent.status, error: sent.error, delivered: sent.ok, gaveUp }),
      );
      if (!sent.ok && !gaveUp) again = true;
    }
  }
  if (!again) await withTenant(deps.db, tenantId, (tx) => markEventDispatched(tx, eventId, deps.now()));
  return again ? 'retry' : 'done';
}

async function send(
  deps: WebhookDeps,
  agencyId: string,
  endpoint: WebhookEndpoint,
  event: { id: string; type: string },
  body: string,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  try {
    const secret = await openEndpointSecret(deps.keyring, endpoint.secretEnc, agencyId, endpoint.id);
    const response = await deps.fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tidemark-Webhooks/1',
        'tidemark-event-id': event.id,
        'tidemark-event-type': event.type,
        [SIGNATURE_HEADER]: await signatureHeader(secret, body, Math.floor(deps.now().getTime() / 1000)),
      },
      body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message.slice(0, 300) };
  }
}

/** The queue's delay before another attempt: 30 s doubling to an hour. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}
