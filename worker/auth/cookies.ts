/** Name of the session cookie shared by the API and the SvelteKit pages. */
export const SESSION_COOKIE = 'tm_session';
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

/** Cookie attributes: HttpOnly always, Secure whenever served over TLS, SameSite=Lax. */
export function sessionCookieOptions(secure: boolean, maxAge = SESSION_TTL_SECONDS) {
  return { httpOnly: true, secure, sameSite: 'Lax' as const, path: '/', maxAge };
}
