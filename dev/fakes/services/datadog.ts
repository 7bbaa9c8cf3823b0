/**
 * DataDog intake: POST /api/v2/series (metrics) and /api/v2/logs, authenticated by the DD-API-KEY
 * header, and the Agent's trace API, PUT /v0.3/traces (JSON). Every payload is checked against the
 * documented shape (datadog-validate.ts); a wrong one gets DataDog's 400.
 */
import { type Context, Hono } from 'hono';
import type { FakeContext } from '../context';
import { logsProblem, seriesProblem, tracesProblem } from './datadog-validate';
import { observeService, readJson } from './observe';
import type { Outbox } from './outbox';

export function createDataDogFake(ctx: FakeContext, outbox: Outbox): Hono {
  const app = new Hono();
  app.use(
    observeService(ctx, 'datadog', {
      server_error: (c) => c.json({ errors: ['Internal Server Error'] }, 500),
      rate_limit: (c) =>
        c.json({ errors: ['Too many requests'] }, 429, {
          'X-RateLimit-Limit': '100',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': '10',
        }),
      revoked_token: (c) => c.json({ errors: ['Forbidden'] }, 403),
    }),
  );
  const authorized = (c: Context) => !!c.req.header('dd-api-key');
  const store = (c: Context, body: unknown, summary: Record<string, unknown>) =>
    outbox.record({ service: 'datadog', at: ctx.world.clock.now().toISOString(), method: 'POST', path: c.req.path, body, summary });

  app.post('/api/v2/series', async (c) => {
    if (!authorized(c)) return c.json({ errors: ['Forbidden'] }, 403);
    const body = await readJson(c);
    const problem = seriesProblem(body);
    if (problem) return c.json({ errors: [problem] }, 400);
    const series = (body as { series: { metric: string }[] }).series;
    store(c, body, { metrics: series.map((s) => s.metric) });
    return c.json({ errors: [] }, 202);
  });

  app.post('/api/v2/logs', async (c) => {
    if (!authorized(c)) return c.json({ errors: ['Forbidden'] }, 403);
    const body = await readJson(c);
    const problem = logsProblem(body);
    if (problem) return c.json({ errors: [{ status: '400', title: 'Bad Request', detail: problem }] }, 400);
    store(c, body, { count: Array.isArray(body) ? body.length : 1 });
    return c.json({}, 202);
  });

  // The Agent's API takes PUT (documented) and POST; it needs no key, a forwarder in front of it may.
  const traces = async (c: Context) => {
    const body = await readJson(c);
    const problem = tracesProblem(body, c.req.header('x-datadog-trace-count'));
    if (problem) return c.text(problem, 400);
    const list = body as unknown[][];
    store(c, body, { traces: list.length, spans: list.reduce((n, t) => n + t.length, 0) });
    return c.text('OK', 200);
  };
  app.put('/v0.3/traces', traces);
  app.post('/v0.3/traces', traces);

  app.all('*', (c) => c.json({ errors: ['Not Found'] }, 404));
  return app;
}
