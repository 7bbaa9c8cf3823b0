import { withAgency } from '../../../db/database';
import { recordAgencyAudit } from '../../../db/queries/api-keys';
import { deleteWebhookEndpoint, listWebhookEndpoints, type WebhookEndpoint } from '../../../db/queries/webhooks';
import { importTokenKeyring } from '../../auth/token-crypto';
import { tokenKeys } from '../../env';
import { checkEndpoint, createEndpoint } from '../../webhooks/endpoints';
import { AppError } from '../errors';
import { createV1Router } from './app';
import { runIdempotent } from './idempotency';
import { openReplaySecret, sealReplaySecret } from './replay-seal';
import { createWebhook, deleteWebhook, listWebhooks } from './routes';

function toApiWebhook(endpoint: WebhookEndpoint) {
  return { id: endpoint.id, url: endpoint.url, events: endpoint.events, createdAt: endpoint.createdAt.toISOString() };
}

/** An agency's webhook endpoints: registered with a secret shown once, listed, removed. */
export const webhookV1Routes = createV1Router()
  .openapi(listWebhooks, async (c) => {
    const endpoints = await withAgency(c.get('db'), c.get('apiKey').agencyId, (tx) => listWebhookEndpoints(tx));
    return c.json({ data: endpoints.map(toApiWebhook) }, 200);
  })
  .openapi(createWebhook, async (c) => {
    const body = c.req.valid('json');
    const checked = checkEndpoint(body, { allowHttp: c.get('config').APP_ENV !== 'production' });
    if (!checked.ok) {
      throw new AppError('validation_failed', `The ${checked.field} ${checked.message}.`, {
        issues: [{ field: checked.field, message: checked.message }],
      });
    }
    const agencyId = c.get('apiKey').agencyId;
    const keyring = await importTokenKeyring(tokenKeys(c.get('config')));
    const result = await withAgency(c.get('db'), agencyId, (tx) =>
      runIdempotent(tx, c.req.valid('header')['idempotency-key'], { method: 'POST', path: '/api/v1/webhooks', body }, async () => {
        const { endpoint, secret } = await createEndpoint(tx.db, keyring, agencyId, { url: checked.url, events: checked.events });
        await recordAgencyAudit(tx, null, 'agency.webhook.created', endpoint.id, {
          url: endpoint.url,
          events: endpoint.events,
          by: `api_key:${c.get('apiKey').id}`,
        });
        // The stored replay keeps the secret sealed: idempotency_keys never holds it in plain text.
        const sealedSecret = await sealReplaySecret(c.get('config').TOKEN_ENCRYPTION_KEY, `webhook:${endpoint.id}`, secret);
        return { status: 201, body: { ...toApiWebhook(endpoint), sealedSecret } };
      }),
    );
    if (result.replayed) c.header('idempotent-replayed', 'true');
    const { sealedSecret, ...webhook } = result.body as ReturnType<typeof toApiWebhook> & { sealedSecret: string };
    const secret = await openReplaySecret(c.get('config').TOKEN_ENCRYPTION_KEY, `webhook:${webhook.id}`, sealedSecret);
    return c.json({ ...webhook, secret }, 201);
  })
  .openapi(deleteWebhook, async (c) => {
    const { webhookId } = c.req.valid('param');
    const removed = await withAgency(c.get('db'), c.get('apiKey').agencyId, async (tx) => {
      const gone = await deleteWebhookEndpoint(tx, webhookId);
      if (gone) await recordAgencyAudit(tx, null, 'agency.webhook.removed', webhookId, { by: `api_key:${c.get('apiKey').id}` });
      return gone;
    });
    if (!removed) throw new AppError('not_found', 'No such webhook in this agency.');
    return c.body(null, 204);
  });
