/** Slack incoming webhooks: POST /services/T…/B…/<secret>, answers are plain text ("ok", "invalid_payload", "no_service"). */
import { Hono } from 'hono';
import type { FakeContext } from '../context';
import { isRecord, observeService } from './observe';
import type { Outbox } from './outbox';

const HOOK_PATH = /^\/services\/(T[A-Z0-9]{6,})\/(B[A-Z0-9]{6,})\/([A-Za-z0-9]{16,})$/;

/** Slack accepts a JSON body or a form field `payload` holding the JSON. */
async function readPayload(body: string, contentType: string): Promise<unknown> {
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) return JSON.parse(new URLSearchParams(body).get('payload') ?? '');
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function createSlackFake(ctx: FakeContext, outbox: Outbox): Hono {
  const app = new Hono();
  app.use(
    observeService(ctx, 'slack', {
      server_error: (c) => c.text('internal_error', 500),
      rate_limit: (c) => c.text('rate_limited', 429, { 'Retry-After': '30' }),
      revoked_token: (c) => c.text('invalid_token', 403),
    }),
  );

  app.post('/services/*', async (c) => {
    const hook = HOOK_PATH.exec(c.req.path);
    if (!hook) return c.text('no_service', 404);
    const payload = await readPayload(await c.req.text(), c.req.header('content-type') ?? '');
    if (!isRecord(payload)) return c.text('invalid_payload', 400);
    const { text, blocks } = payload;
    if (text !== undefined && typeof text !== 'string') return c.text('invalid_payload', 400);
    if (blocks !== undefined && (!Array.isArray(blocks) || blocks.some((b) => !isRecord(b) || typeof b.type !== 'string')))
      return c.text('invalid_blocks', 400);
    if (!text && !(Array.isArray(blocks) && blocks.length > 0)) return c.text('no_text', 400);
    outbox.record({
      service: 'slack',
      at: ctx.world.clock.now().toISOString(),
      method: 'POST',
      path: c.req.path,
      body: payload,
      summary: { team: hook[1], hook: hook[2], text: text ?? '', blocks: Array.isArray(blocks) ? blocks.length : 0 },
    });
    return c.text('ok', 200);
  });

  app.all('*', (c) => c.text('no_service', 404));
  return app;
}
