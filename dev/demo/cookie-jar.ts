/**
 * A minimal cookie jar for scripted HTTP clients: enough of RFC 6265 for our own cookies
 * (name, value, Path, Max-Age/Expires deletion). Like browsers, cookies ignore the port.
 */
interface StoredCookie {
  host: string;
  name: string;
  value: string;
  path: string;
}

/** RFC 6265 §5.1.4: the request path up to (not including) its last slash, or "/". */
export function defaultCookiePath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/';
  const lastSlash = requestPath.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : requestPath.slice(0, lastSlash);
}

/** RFC 6265 §5.1.4 path-match. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

export interface ParsedSetCookie {
  name: string;
  value: string;
  path: string | null;
  /** True when the header deletes the cookie (Max-Age <= 0 or an Expires in the past). */
  expired: boolean;
}

export function parseSetCookie(header: string, now: Date = new Date()): ParsedSetCookie | null {
  const [pair, ...attributes] = header.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return null;
  const parsed: ParsedSetCookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), path: null, expired: false };
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'path' && value.startsWith('/')) parsed.path = value;
    if (key === 'max-age' && Number(value) <= 0) parsed.expired = true;
    if (key === 'expires' && Date.parse(value) <= now.getTime()) parsed.expired = true;
  }
  return parsed;
}

export class CookieJar {
  private cookies: StoredCookie[] = [];

  /** Takes the Set-Cookie headers of a response to `url`. */
  store(url: string | URL, setCookieHeaders: readonly string[]): void {
    const { hostname, pathname } = new URL(url);
    for (const header of setCookieHeaders) {
      const parsed = parseSetCookie(header);
      if (!parsed) continue;
      const path = parsed.path ?? defaultCookiePath(pathname);
      this.cookies = this.cookies.filter((c) => !(c.host === hostname && c.name === parsed.name && c.path === path));
      if (!parsed.expired) this.cookies.push({ host: hostname, name: parsed.name, value: parsed.value, path });
    }
  }

  /** The Cookie header for a request to `url` (longer paths first, as browsers send them). */
  header(url: string | URL): string {
    const { hostname, pathname } = new URL(url);
    return this.cookies
      .filter((c) => c.host === hostname && pathMatches(pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}
