import { error, type Handle } from '@sveltejs/kit';
import { createDb } from '$db/client';
import { SESSION_COOKIE } from '$worker/auth/cookies';
import { resolveSession } from '$worker/auth/sign-in';
import { readConfig } from '$worker/env';

/** One database pool per request, closed after the response; the session cookie resolved once. */
export const handle: Handle = async ({ event, resolve }) => {
  const platform = event.platform;
  if (!platform) error(500, 'The app must run inside the Worker (wrangler dev or deployed).');
  const config = readConfig(platform.env);
  const { db, close } = createDb({ databaseUrl: config.DATABASE_URL, wsProxy: config.WS_PROXY });
  try {
    event.locals.db = db;
    event.locals.sessionToken = event.cookies.get(SESSION_COOKIE);
    event.locals.user = await resolveSession(db, event.locals.sessionToken);
    return await resolve(event);
  } finally {
    platform.ctx.waitUntil(close());
  }
};
