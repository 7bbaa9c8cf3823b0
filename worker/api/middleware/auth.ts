import { createMiddleware } from 'hono/factory';
import { getTenantForUser } from '../../../db/queries/auth';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { readParam, tenantRefSchema } from '../validate';

/** Requires a signed-in user (session cookie). */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const user = await c.get('scope').user();
  if (!user) throw new AppError('unauthenticated', 'Sign in first: no valid session.');
  c.set('user', user);
  await next();
});

/**
 * Resolves `:tenant` (id or slug) to a tenant the user may see. Another tenant's id answers
 * 404, exactly like a tenant that does not exist, so ids cannot be probed; on a tenant's custom
 * domain, every other tenant is another tenant's id.
 */
export const requireTenant = createMiddleware<AppEnv>(async (c, next) => {
  const ref = readParam(c, 'tenant', tenantRefSchema, 'No such tenant.');
  const tenant = await getTenantForUser(c.get('db'), c.get('user').id, ref);
  const host = await c.get('scope').host();
  if (!tenant || (host.kind === 'tenant' && host.tenant.id !== tenant.id)) throw new AppError('not_found', 'No such tenant.');
  c.set('tenant', tenant);
  await next();
});
