import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

/**
 * Refuses a state-changing request unless the browser says it came from this very origin: a missing
 * or foreign Origin answers 403, so a page on another site cannot make a signed-in browser start a
 * connect (or pick, or disconnect) for a tenant of the attacker's choosing.
 */
export const requireSameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  if (!origin) throw new AppError('forbidden', 'This request must come from a page of this site (no Origin header).');
  if (origin !== new URL(c.req.url).origin) throw new AppError('forbidden', 'This request must come from a page of this site.');
  await next();
});
