import { createMiddleware } from 'hono/factory';
import { withRequestScope } from '../../request-scope';
import type { AppEnv } from '../context';

/**
 * Gives each request an id and its request scope (config, its own database pool, the session
 * cookie), closed once the response is sent.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  c.set('requestId', c.req.header('cf-ray') ?? crypto.randomUUID());
  await withRequestScope(c.env, c.req.raw, c.executionCtx, async (scope) => {
    c.set('scope', scope);
    c.set('config', scope.config);
    c.set('db', scope.db);
    await next();
  });
  c.header('x-request-id', c.get('requestId'));
});
