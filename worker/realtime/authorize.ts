import type { Lobby } from 'partyserver';
import { getTenantForUser } from '../../db/queries/auth';
import { can } from '../auth/roles';
import { withRequestScope } from '../request-scope';

/**
 * Only members of the tenant may open its hub. The room name in the URL is the tenant id;
 * a slug or another tenant's id is refused like a missing one (404), so ids cannot be probed.
 */
export async function authorizeHubConnection(
  request: Request,
  lobby: Lobby<Env>,
  env: Env,
  ctx: ExecutionContext,
): Promise<Response | undefined> {
  if (lobby.className !== 'TenantHub') return new Response('Not found', { status: 404 });
  return withRequestScope(env, request, ctx, async (scope) => {
    const user = await scope.user();
    if (!user) return new Response('Sign in first', { status: 401 });
    const tenant = await getTenantForUser(scope.db, user.id, lobby.name);
    if (!tenant || tenant.id !== lobby.name || !can(tenant.role, 'view_dashboard')) return new Response('Not found', { status: 404 });
    return undefined;
  });
}
