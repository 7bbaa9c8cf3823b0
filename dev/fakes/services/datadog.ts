/** DataDog intake: POST /api/v2/series (metrics) and /api/v2/logs, authenticated by the DD-API-KEY header. */
import { type Context, Hono } from 'hono';
import type { FakeContext } from '../context';
import { isRecord, observeService, readJson } from './observe';
import type { Outbox } from './outbox';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function seriesProblem(body: unknown): string | null {
  if (!isRecord(body) || !Array.isArray(body.series)) return 'Invalid payload: the series field is required and must be an array';
  for (const [i, s] of body.series.entries()) {
    if (!isRecord(s) || typeof s.metric !== 'string' || !s.metric) return `series[${i}].metric is required`;
    if (s.type !== undefined && ![0, 1, 2, 3].includes(s.type as number))
      return `series[${i}].type must be 0 (unspecified), 1 (count), 2 (rate) or 3 (gauge)`;
    if (!Array.isArray(s.points) || s.points.length === 0) return `series[${i}].points must be a non-empty array`;
    for (const p of s.points)
      if (!isRecord(p) || !Number.isInteger(p.timestamp) || !isFiniteNumber(p.value))
        return `series[${i}].points need an integer timestamp and a numeric value`;
    if (s.tags !== undefined && (!Array.isArray(s.tags) || s.tags.some((t) => typeof t !== 'string')))
      return `series[${i}].tags must be an array of strings`;
  }
  return null;
}

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
    const logs = Array.isArray(body) ? body : [body];
    if (body === undefined || logs.some((l) => !isRecord(l)))
      return c.json(
        { errors: [{ status: '400', title: 'Bad Request', detail: 'the body must be a JSON log object or an array of them' }] },
        400,
      );
    store(c, body, { count: logs.length });
    return c.json({}, 202);
  });

  app.all('*', (c) => c.json({ errors: ['Not Found'] }, 404));
  return app;
}
