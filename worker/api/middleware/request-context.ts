import { createMiddleware } from 'hono/factory';
import { withRequestScope } from '../../request-scope';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

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
    // A Host that is neither ours nor a verified custom domain gets nothing, not even a sign-in.
    if ((await scope.host()).kind === 'unknown') throw new AppError('not_found', 'Nothing is served on this hostname.');
    await next();
  });
  c.header('x-request-id', c.get('requestId'));
});
