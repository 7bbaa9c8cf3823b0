import { error, type Handle, type HandleServerError } from '@sveltejs/kit';
import { loggableError } from '$db/query-errors';
import { withRequestScope } from '$worker/request-scope';

/** The same request scope as the API's: one database pool per request, closed after the response; the session resolved once. */
export const handle: Handle = async ({ event, resolve }) => {
  const platform = event.platform;
  if (!platform) error(500, 'The app must run inside the Worker (wrangler dev or deployed).');
  return withRequestScope(platform.env, event.request, platform.ctx, async (scope) => {
    event.locals.db = scope.db;
    event.locals.sessionToken = scope.sessionToken;
    event.locals.telemetry = scope.telemetry;
    event.locals.clock = scope.clock;
    event.locals.user = await scope.user();
    return resolve(event);
  });
};

/** SvelteKit's default logs the error whole; a failed query's message carries its parameters, so log it redacted. */
export const handleError: HandleServerError = ({ error: thrown, status }) => {
  if (status === 404) return;
  console.error(JSON.stringify({ level: 'error', event: 'page error', status, ...loggableError(thrown) }));
};
