/** SendGrid v3 Mail Send: POST /v3/mail/send, 202 with an empty body, errors as {errors:[{message, field, help}]}. */
import { Hono } from 'hono';
import type { FakeContext } from '../context';
import { isRecord, observeService, readJson } from './observe';
import type { Outbox } from './outbox';
import { type MailError, validateMail } from './sendgrid-validate';

const errorBody = (errors: MailError[]) => ({
  errors: errors.map((e) => ({ message: e.message, field: e.field ?? null, help: e.help ?? null })),
});

export function createSendGridFake(ctx: FakeContext, outbox: Outbox): Hono {
  const app = new Hono();
  app.use(
    observeService(ctx, 'sendgrid', {
      server_error: (c) => c.json(errorBody([{ message: 'Internal server error' }]), 500),
      rate_limit: (c) =>
        c.json(errorBody([{ message: 'too many requests' }]), 429, {
          'X-RateLimit-Limit': '600',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(Math.floor(ctx.world.clock.now().getTime() / 1000) + 60),
        }),
      revoked_token: (c) => c.json(errorBody([{ message: 'The provided authorization grant is invalid, expired, or revoked' }]), 401),
    }),
  );

  app.post('/v3/mail/send', async (c) => {
    const auth = c.req.header('authorization');
    if (!auth) return c.json(errorBody([{ message: 'Permission denied, wrong credentials' }]), 401);
    if (!/^Bearer SG\.[\w-]+(\.[\w-]+)?$/.test(auth))
      return c.json(errorBody([{ message: 'The provided authorization grant is invalid, expired, or revoked' }]), 401);
    const body = await readJson(c);
    if (!isRecord(body)) return c.json(errorBody([{ message: 'Bad Request', help: 'The request body must be a JSON object.' }]), 400);
    const result = validateMail(body);
    if (!result.ok) return c.json(errorBody(result.errors), 400);
    outbox.record({
      service: 'sendgrid',
      at: ctx.world.clock.now().toISOString(),
      method: 'POST',
      path: '/v3/mail/send',
      body,
      summary: result.summary,
    });
    return c.body(null, 202, { 'X-Message-Id': `fake${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}` });
  });

  app.all('*', (c) => c.json(errorBody([{ message: `${c.req.method} ${c.req.path} is not a SendGrid v3 endpoint this fake knows` }]), 404));
  return app;
}
