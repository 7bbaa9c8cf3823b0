/**
 * Registering an agency's webhook endpoint: a URL we may call (https in production, no
 * credentials in it), the events it wants, and a fresh signing secret returned once.
 */
import { type Database, withAgency } from '../../db/database';
import { insertWebhookEndpoint, type WebhookEndpoint } from '../../db/queries/webhooks';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../db/schema';
import type { TokenKeyring } from '../auth/token-crypto';
import { sealEndpointSecret } from './secrets';
import { newEndpointSecret } from './signature';

export type EndpointCheck = { ok: true; url: string; events: WebhookEventType[] } | { ok: false; field: 'url' | 'events'; message: string };

export function checkEndpoint(input: { url: unknown; events: unknown }, options: { allowHttp: boolean }): EndpointCheck {
  if (typeof input.url !== 'string' || input.url.length > 2000)
    return { ok: false, field: 'url', message: 'must be a URL of at most 2000 characters' };
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { ok: false, field: 'url', message: 'is not a URL' };
  }
  const schemes = options.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return { ok: false, field: 'url', message: options.allowHttp ? 'must be http(s)' : 'must be https' };
  if (url.username || url.password)
    return { ok: false, field: 'url', message: 'must not carry credentials; the signature authenticates us' };
  const events = input.events;
  if (!Array.isArray(events) || events.length === 0)
    return { ok: false, field: 'events', message: `must list at least one of ${WEBHOOK_EVENT_TYPES.join(', ')}` };
  const unknown = events.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(e));
  if (unknown.length)
    return { ok: false, field: 'events', message: `unknown event ${JSON.stringify(unknown[0])}; use ${WEBHOOK_EVENT_TYPES.join(', ')}` };
  return { ok: true, url: url.toString(), events: [...new Set(events as WebhookEventType[])] };
}

/** Stores the endpoint with its secret encrypted; the plain secret is returned here and never again. */
export async function createEndpoint(
  db: Database,
  keyring: TokenKeyring,
  agencyId: string,
  endpoint: { url: string; events: WebhookEventType[] },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const id = crypto.randomUUID();
  const secret = newEndpointSecret();
  const secretEnc = await sealEndpointSecret(keyring, secret, agencyId, id);
  const created = await withAgency(db, agencyId, (tx) => insertWebhookEndpoint(tx, { id, ...endpoint, secretEnc }));
  return { endpoint: created, secret };
}
