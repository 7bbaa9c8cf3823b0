/**
 * Security headers on every response the Worker sends (API, pages, errors, the config guard's 503):
 * set here once, in the entry. Pages bring their own Content-Security-Policy from SvelteKit
 * (`kit.csp` in svelte.config.js, a nonce per response for its inline scripts); every other
 * response gets one that allows nothing. Static files are served before the Worker runs and get the
 * same headers from `_headers`.
 */

/** For responses that are not pages: nothing may load from them, and nothing may frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, the preload list's minimum; HTTP Strict Transport Security is only sent over https. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** The headers to add to a response to `requestUrl`, given whether it already has a CSP (a page). */
export function securityHeaders(requestUrl: string, hasCsp: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(hasCsp ? {} : { 'content-security-policy': NON_PAGE_CSP }),
    ...(new URL(requestUrl).protocol === 'https:' ? { 'strict-transport-security': HSTS } : {}),
  };
}

/**
 * The response with the security headers added. A WebSocket upgrade (101) is passed through as it
 * is: its headers are the handshake's, and copying the response would drop the socket.
 */
export function withSecurityHeaders(request: Request, response: Response): Response {
  if (response.status === 101 || response.webSocket) return response;
  const secured = new Response(response.body, response);
  const hasCsp = secured.headers.has('content-security-policy');
  for (const [name, value] of Object.entries(securityHeaders(request.url, hasCsp))) secured.headers.set(name, value);
  return secured;
}
