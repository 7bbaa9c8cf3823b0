/** Cloudflare for SaaS custom hostnames under /client/v4/zones/:zone/custom_hostnames, in the {success, errors, messages, result} envelope. */
import { type Context, Hono } from 'hono';
import type { FakeContext } from '../context';
import { type HostnameStore, renderHostname, type SslMethod } from './cloudflare-hostnames';
import { isRecord, observeService, readJson } from './observe';
import type { Outbox } from './outbox';

const ZONE_ID = /^[0-9a-f]{32}$/;
const HOSTNAME = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

const failure = (c: Context, status: 400 | 403 | 404 | 409 | 429 | 500, code: number, message: string) =>
  c.json({ success: false, errors: [{ code, message }], messages: [], result: null }, status);
const success = (c: Context, result: unknown, extra: Record<string, unknown> = {}) =>
  c.json({ success: true, errors: [], messages: [], result, ...extra });

function parseSsl(ssl: unknown): SslMethod | string {
  if (!isRecord(ssl)) return 'ssl is required and must be an object with method and type';
  if (!['http', 'txt', 'email'].includes(ssl.method as string)) return 'ssl.method must be one of http, txt, email';
  if (ssl.type !== undefined && ssl.type !== 'dv') return 'ssl.type must be dv';
  return ssl.method as SslMethod;
}

export function createCloudflareFake(ctx: FakeContext, outbox: Outbox, hostnames: HostnameStore): Hono {
  const app = new Hono();
  app.use(
    observeService(
      ctx,
      'cloudflare',
      {
        server_error: (c) => failure(c, 500, 10000, 'Internal server error'),
        rate_limit: (c) => failure(c, 429, 971, 'Please wait and consider throttling your request speed'),
        revoked_token: (c) => failure(c, 403, 10000, 'Authentication error'),
      },
      (c) => /\/zones\/([^/]+)/.exec(c.req.path)?.[1],
    ),
  );
  app.use('/client/v4/*', async (c, next) => {
    if (!/^Bearer \S{20,}$/.test(c.req.header('authorization') ?? '')) return failure(c, 403, 10000, 'Authentication error');
    const zone = /^\/client\/v4\/zones\/([^/]+)\//.exec(c.req.path)?.[1];
    if (zone !== undefined && !ZONE_ID.test(zone))
      return failure(c, 400, 7003, `Could not route to ${c.req.path}, perhaps your object identifier is invalid?`);
    await next();
  });
  const view = (h: Parameters<typeof renderHostname>[0]) => renderHostname(h, hostnames.isActive(h));
  const keep = (c: Context, body: unknown, summary: Record<string, unknown>) =>
    outbox.record({
      service: 'cloudflare',
      at: ctx.world.clock.now().toISOString(),
      method: c.req.method,
      path: c.req.path,
      body,
      summary,
    });

  const base = '/client/v4/zones/:zone/custom_hostnames';
  app.post(base, async (c) => {
    const body = await readJson(c);
    if (!isRecord(body)) return failure(c, 400, 1004, 'The request body must be a JSON object');
    const hostname = typeof body.hostname === 'string' ? body.hostname.toLowerCase() : '';
    if (!HOSTNAME.test(hostname)) return failure(c, 400, 1411, 'Invalid custom hostname. Custom hostnames must be a valid hostname.');
    const method = parseSsl(body.ssl);
    if (!['http', 'txt', 'email'].includes(method)) return failure(c, 400, 1415, method);
    const created = hostnames.create({
      zoneId: c.req.param('zone'),
      hostname,
      sslMethod: method as SslMethod,
      customMetadata: isRecord(body.custom_metadata) ? body.custom_metadata : undefined,
      customOriginServer: typeof body.custom_origin_server === 'string' ? body.custom_origin_server : undefined,
    });
    if (created === 'duplicate') return failure(c, 409, 1406, 'Duplicate custom hostname found.');
    keep(c, body, { action: 'create', hostname, id: created.id });
    return success(c, view(created));
  });

  app.get(base, (c) => {
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const perPage = Math.min(50, Math.max(5, Number(c.req.query('per_page') ?? 20) || 20));
    const all = hostnames.list(c.req.param('zone'), c.req.query('hostname')?.toLowerCase());
    const pageItems = all.slice((page - 1) * perPage, page * perPage);
    return success(c, pageItems.map(view), {
      result_info: {
        page,
        per_page: perPage,
        count: pageItems.length,
        total_count: all.length,
        total_pages: Math.ceil(all.length / perPage),
      },
    });
  });

  const notFound = (c: Context) => failure(c, 404, 1436, 'The custom hostname was not found.');
  app.get(`${base}/:id`, (c) => {
    const h = hostnames.get(c.req.param('zone'), c.req.param('id'));
    return h ? success(c, view(h)) : notFound(c);
  });

  app.patch(`${base}/:id`, async (c) => {
    const body = await readJson(c);
    if (!isRecord(body)) return failure(c, 400, 1004, 'The request body must be a JSON object');
    let sslMethod: SslMethod | undefined;
    if (body.ssl !== undefined) {
      const method = parseSsl(body.ssl);
      if (!['http', 'txt', 'email'].includes(method)) return failure(c, 400, 1415, method);
      sslMethod = method as SslMethod;
    }
    const h = hostnames.update(c.req.param('zone'), c.req.param('id'), {
      sslMethod,
      customMetadata: isRecord(body.custom_metadata) ? body.custom_metadata : undefined,
      customOriginServer: typeof body.custom_origin_server === 'string' ? body.custom_origin_server : undefined,
    });
    if (!h) return notFound(c);
    keep(c, body, { action: 'update', hostname: h.hostname, id: h.id });
    return success(c, view(h));
  });

  app.delete(`${base}/:id`, (c) => {
    const zone = c.req.param('zone');
    const h = hostnames.get(zone, c.req.param('id'));
    if (!h || !hostnames.remove(zone, h.id)) return notFound(c);
    keep(c, null, { action: 'delete', hostname: h.hostname, id: h.id });
    return success(c, { id: h.id });
  });

  app.all('*', (c) => failure(c, 400, 7000, 'No route for that URI'));
  return app;
}
