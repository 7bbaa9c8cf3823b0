/** Name of the session cookie shared by the API and the SvelteKit pages. */
export const SESSION_COOKIE = 'tm_session';
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

/** Cookie attributes: HttpOnly always, Secure whenever served over TLS, SameSite=Lax. */
export function sessionCookieOptions(secure: boolean, maxAge = SESSION_TTL_SECONDS) {
  return { httpOnly: true, secure, sameSite: 'Lax' as const, path: '/', maxAge };
}

/** Reads one cookie from a Cookie header (the one cookie reader of the API, the pages and the hub). */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    const value = rest.join('=');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
