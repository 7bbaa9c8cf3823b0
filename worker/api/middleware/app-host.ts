import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

/**
 * The agency-wide APIs (provisioning under /v1, the agency's keys and audit log, the operator's)
 * belong to the product's own host. A tenant's custom hostname is its client's white-label address
 * and serves that tenant only: there they do not exist (404), whatever key or session comes along.
 */
export const requireAppHost = createMiddleware<AppEnv>(async (c, next) => {
  if ((await c.get('scope').host()).kind !== 'app') throw new AppError('not_found', 'Nothing is served here on this hostname.');
  await next();
});
