import { error, type Handle, type HandleServerError, redirect } from '@sveltejs/kit';
import { loggableError } from '$db/query-errors';
import { withRequestScope } from '$worker/request-scope';

/** The same request scope as the API's: one database pool per request, closed after the response; the session resolved once. */
export const handle: Handle = async ({ event, resolve }) => {
  // `?/default` names the unnamed form action explicitly, which SvelteKit refuses with a plain Error (a 500).
  if (event.request.method === 'POST' && event.url.searchParams.has('/default')) error(404, 'No such form action.');
  const platform = event.platform;
  if (!platform) error(500, 'The app must run inside the Worker (wrangler dev or deployed).');
  return withRequestScope(platform.env, event.request, platform.ctx, async (scope) => {
    event.locals.db = scope.db;
    event.locals.sessionToken = scope.sessionToken;
    event.locals.telemetry = scope.telemetry;
    event.locals.clock = scope.clock;
    const host = await scope.host();
    // Never another tenant's name or branding: an unknown or unverified hostname gets a neutral page.
    if (host.kind === 'unknown') return neutralPage();
    event.locals.host = host;
    event.locals.user = await scope.user();
    // A tenant's own domain opens on its dashboard.
    if (host.kind === 'tenant' && event.url.pathname === '/') redirect(303, `/t/${host.tenant.slug}`);
    return resolve(event);
  });
};

/** SvelteKit's default logs the error whole; a failed query's message carries its parameters, so log it redacted. */
export const handleError: HandleServerError = ({ error: thrown, status }) => {
  if (status === 404) return;
  console.error(JSON.stringify({ level: 'error', event: 'page error', status, ...loggableError(thrown) }));
};

/** What an unknown hostname shows: no product name, no tenant, no sign-in form. */
function neutralPage(): Response {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Not found</title></head><body style="font-family: system-ui, sans-serif; margin: 4rem auto; max-width: 32rem; padding: 0 1rem">' +
    '<h1>Nothing here</h1><p>This address is not set up (yet). If you manage it, finish its verification, then reload.</p></body></html>';
  return new Response(html, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
