import { createMiddleware } from 'hono/factory';
import { createDb } from '../../../db/client';
import { readConfig } from '../../env';
import type { AppEnv } from '../context';

/**
 * Gives each request an id, the parsed config and its own database pool, closed once the
 * response is sent (one pool per request: Workers cannot share sockets across requests).
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  c.set('requestId', c.req.header('cf-ray') ?? crypto.randomUUID());
  const config = readConfig(c.env);
  c.set('config', config);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  c.set('db', db);
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(close());
  }
  c.header('x-request-id', c.get('requestId'));
});
