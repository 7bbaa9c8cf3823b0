import type { Lobby } from 'partyserver';
import { createDb } from '../../db/client';
import { getTenantForUser } from '../../db/queries/auth';
import { SESSION_COOKIE } from '../auth/cookies';
import { can } from '../auth/roles';
import { resolveSession } from '../auth/sign-in';
import { readConfig } from '../env';

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

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
  const config = readConfig(env);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  try {
    const user = await resolveSession(db, readCookie(request.headers.get('cookie'), SESSION_COOKIE));
    if (!user) return new Response('Sign in first', { status: 401 });
    const tenant = await getTenantForUser(db, user.id, lobby.name);
    if (!tenant || tenant.id !== lobby.name || !can(tenant.role, 'view_dashboard')) return new Response('Not found', { status: 404 });
    return undefined;
  } finally {
    ctx.waitUntil(close());
  }
}
