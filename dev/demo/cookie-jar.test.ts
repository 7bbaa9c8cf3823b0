import { describe, expect, it } from 'vitest';
import { CookieJar, defaultCookiePath, parseSetCookie, pathMatches } from './cookie-jar';

describe('cookie jar', () => {
  it('sends a session cookie set on / with every request to the same host, whatever the port', () => {
    const jar = new CookieJar();
    jar.store('http://127.0.0.1:8787/api/auth/login', ['tm_session=abc; Path=/; HttpOnly; SameSite=Lax']);
    expect(jar.header('http://127.0.0.1:8787/api/tenants/x/ad-accounts')).toBe('tm_session=abc');
    expect(jar.header('http://127.0.0.1:9999/anything')).toBe('tm_session=abc');
    expect(jar.header('http://localhost:8787/')).toBe('');
  });

  it('sends a cookie scoped to /api/oauth only to that path and below', () => {
    const jar = new CookieJar();
    jar.store('http://127.0.0.1:8787/api/auth/login', ['tm_session=abc; Path=/']);
    jar.store('http://127.0.0.1:8787/api/tenants/t/connections/meta/connect', ['tm_oauth_nonce=n1; Path=/api/oauth; Max-Age=600']);
    expect(jar.header('http://127.0.0.1:8787/api/oauth/meta/callback?code=1')).toBe('tm_oauth_nonce=n1; tm_session=abc');
    expect(jar.header('http://127.0.0.1:8787/api/oauthx')).toBe('tm_session=abc');
    expect(jar.header('http://127.0.0.1:8787/t/x')).toBe('tm_session=abc');
  });

  it('replaces a cookie with the same name and path, and forgets it when told it expired', () => {
    const jar = new CookieJar();
    jar.store('http://h/a', ['k=1; Path=/']);
    jar.store('http://h/a', ['k=2; Path=/']);
    expect(jar.header('http://h/')).toBe('k=2');
    jar.store('http://h/a', ['k=; Path=/; Max-Age=0']);
    expect(jar.header('http://h/')).toBe('');
    jar.store('http://h/a', ['j=3; Path=/', 'j=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(jar.header('http://h/')).toBe('');
  });

  it('defaults the path to the request directory and ignores malformed headers', () => {
    expect(defaultCookiePath('/api/oauth/meta/callback')).toBe('/api/oauth/meta');
    expect(defaultCookiePath('/login')).toBe('/');
    expect(parseSetCookie('no-equals-sign')).toBeNull();
    expect(parseSetCookie('a=b=c; Path=/x')).toMatchObject({ name: 'a', value: 'b=c', path: '/x', expired: false });
    expect(pathMatches('/api/oauth', '/api/oauth')).toBe(true);
    expect(pathMatches('/api/oauth/x', '/api/')).toBe(true);
  });
});
