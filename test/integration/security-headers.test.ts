import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, type TestTenant } from './support';

/* Every kind of response the Worker sends carries the security headers; pages carry SvelteKit's policy with a nonce. */

const arranged = superDb();
let member: TestTenant;
let cookie: string;

beforeAll(async () => {
  member = await createTenantWithData(arranged.db, []);
  cookie = await signInCookie(member.email, member.password, '198.51.100.71');
});
afterAll(() => closeWhenIdle(arranged));

function expectBaseHeaders(res: Response) {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('security headers', () => {
  it.each([
    ['an API answer', '/api/health'],
    ['an API error', '/api/no-such-route'],
    ['an unauthenticated API call', '/api/me'],
    ['the sign-in page', '/login'],
    ['a redirect to sign in', '/tenants'],
    ['a not-found page', '/t/no-such-tenant-anywhere'],
    ['a static file', '/favicon.svg'],
    ['a refused hub request', '/parties/tenant-hub/nothing'],
  ])('are on %s', async (_, path) => {
    const res = await call(path, { redirect: 'manual' });
    expectBaseHeaders(res);
    expect(res.headers.has('strict-transport-security')).toBe(false);
  });

  it('add Strict-Transport-Security over https only', async () => {
    const res = await call('/api/health', { origin: 'https://tidemark.test' });
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it('give a dashboard page a policy that allows only its own nonce-marked inline scripts', async () => {
    const res = await call(`/t/${member.slug}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await res.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it('give each page response a fresh nonce', async () => {
    const nonces = await Promise.all(
      [1, 2].map(async () => /'nonce-([^']+)'/.exec((await call('/login')).headers.get('content-security-policy') ?? '')?.[1]),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
