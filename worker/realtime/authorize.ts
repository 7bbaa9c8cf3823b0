import type { Lobby } from 'partyserver';
import { getTenantForUser } from '../../db/queries/auth';
import { idParamSchema } from '../api/validate';
import { sha256Hex } from '../auth/password';
import { can } from '../auth/roles';
import { withRequestScope } from '../request-scope';
import { HUB_SESSION_HEADER, HUB_USER_HEADER, socketOriginAllowed } from './socket-origin';

/**
 * Only members of the tenant may open its hub, and only from our own pages or from a client that
 * is not a browser (socket-origin.ts): another site's Origin is 403. The room name in the URL is the
 * tenant id; a slug or another tenant's id is refused like a missing one (404), so ids cannot be
 * probed; on a tenant's custom domain every other tenant's hub is missing. An authorized upgrade goes on to the hub carrying the user and session ids, so the hub
 * can close a session's sockets when it ends.
 */
export async function authorizeHubConnection(
  request: Request,
  lobby: Lobby<Env>,
  env: Env,
  ctx: ExecutionContext,
): Promise<Response | Request> {
  if (lobby.className !== 'TenantHub') return new Response('Not found', { status: 404 });
  if (!socketOriginAllowed(request)) return new Response('Cross-site WebSocket refused', { status: 403 });
  if (!idParamSchema.safeParse(lobby.name).success) return new Response('Not found', { status: 404 });
  return withRequestScope(env, request, ctx, async (scope) => {
    const user = await scope.user();
    if (!user || !scope.sessionToken) return new Response('Sign in first', { status: 401 });
    const tenant = await getTenantForUser(scope.db, user.id, lobby.name);
    if (!tenant || tenant.id !== lobby.name || !can(tenant.role, 'view_dashboard')) return new Response('Not found', { status: 404 });
    // On a tenant's custom domain only its own hub exists; on an unknown hostname none does.
    const host = await scope.host();
    if (host.kind === 'unknown' || (host.kind === 'tenant' && host.tenant.id !== tenant.id))
      return new Response('Not found', { status: 404 });
    const headers = new Headers(request.headers);
    headers.set(HUB_USER_HEADER, user.id);
    headers.set(HUB_SESSION_HEADER, await sha256Hex(scope.sessionToken));
    return new Request(request, { headers });
  });
}
