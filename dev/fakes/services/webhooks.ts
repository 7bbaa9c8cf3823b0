/**
 * An agency's webhook receiver: POST /webhooks/<name> keeps the request as it arrived (headers and
 * raw body, so a test can verify the signature over the exact bytes) and answers 200, or what an
 * injected fault says (a 500, a timeout) so delivery retries can be exercised.
 */
import { Hono } from 'hono';
import type { FakeContext } from '../context';
import { observeService } from './observe';
import type { Outbox } from './outbox';

const KEPT_HEADERS = ['content-type', 'user-agent', 'tidemark-signature', 'tidemark-event-id', 'tidemark-event-type'];

export function createWebhookReceiverFake(ctx: FakeContext, outbox: Outbox): Hono {
  const app = new Hono();
  app.use(
    observeService(ctx, 'webhooks', {
      server_error: (c) => c.text('receiver error', 500),
      rate_limit: (c) => c.text('slow down', 429, { 'Retry-After': '30' }),
      revoked_token: (c) => c.text('gone', 410),
    }),
  );
  app.post('/webhooks/:name', async (c) => {
    const raw = await c.req.text();
    const headers = Object.fromEntries(KEPT_HEADERS.map((name) => [name, c.req.header(name) ?? null]));
    outbox.record({
      service: 'webhooks',
      at: ctx.world.clock.now().toISOString(),
      method: 'POST',
      path: c.req.path,
      body: { raw, headers },
      summary: { receiver: c.req.param('name'), event: headers['tidemark-event-type'], id: headers['tidemark-event-id'] },
    });
    return c.text('ok', 200);
  });
  app.all('*', (c) => c.text('no such receiver', 404));
  return app;
}
