import { createDb, type Database } from '../db/client';
import type { SessionUser } from '../db/queries/auth';
import { readCookie, SESSION_COOKIE } from './auth/cookies';
import { resolveSession } from './auth/sign-in';
import { ownHosts } from './domains/config';
import { type HostRoute, routeHost } from './domains/host-route';
import { type Config, readConfig } from './env';
import { type Clock, clockOf } from './lib/clock';
import { createTelemetry, type Telemetry } from './observability/telemetry';

/**
 * What every request of the Worker starts from, whichever door it came in by (the API, a page,
 * the tenant hub): the parsed config, its own database pool and the session from the cookie.
 */
export interface RequestScope {
  readonly config: Config;
  readonly db: Database;
  /** The session cookie's token, if the request carries one. */
  readonly sessionToken: string | undefined;
  /** The signed-in user, looked up on first use and remembered for the rest of the request. */
  user(): Promise<SessionUser | null>;
  /** The request's DataDog telemetry (read-model query timings), sent after the response. */
  readonly telemetry: Telemetry;
  /** The Worker's clock: what "now" is for lag, backfills and date ranges (compressed in the sync benchmark). */
  readonly clock: Clock;
  /** Which site the Host asks for: the product, one tenant on its custom domain, or nothing we serve. Looked up once. */
  host(): Promise<HostRoute>;
}

/**
 * Opens the request's scope, runs `handle` with it, and closes the pool once the response is sent
 * (`waitUntil`: one pool per request, since Workers cannot share sockets across requests).
 */
export async function withRequestScope<T>(
  env: Env,
  request: Request,
  ctx: Pick<ExecutionContext, 'waitUntil'>,
  handle: (scope: RequestScope) => Promise<T>,
): Promise<T> {
  const config = readConfig(env);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  const sessionToken = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  const telemetry = createTelemetry(config);
  let user: Promise<SessionUser | null> | undefined;
  let host: Promise<HostRoute> | undefined;
  try {
    const clock = clockOf(config);
    return await handle({
      config,
      db,
      sessionToken,
      user: () => (user ??= resolveSession(db, sessionToken)),
      telemetry,
      clock,
      host: () => (host ??= routeHost(db, new URL(request.url).host, ownHosts(config))),
    });
  } finally {
    ctx.waitUntil(close());
    ctx.waitUntil(telemetry.flush());
  }
}
