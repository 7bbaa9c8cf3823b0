import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { agencies, memberships, tenantAssets, tenantDomains, tenants, users } from '../../db/schema';
import { onePixelIco, SMALL_SVG } from '../../dev/fakes/services/public-web-images';
import { hashPassword } from '../../worker/auth/password';
import { call, closeWhenIdle, signInCookie, superDb, unique } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

const sha256Hex = async (bytes: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
const LOGO = new TextEncoder().encode(SMALL_SVG);
const FAVICON = onePixelIco();

/** An agency with two client tenants, A on a verified custom hostname (and branded), B without one; and a member of the agency. */
async function agencyOnCustomHost() {
  const [agency] = await arranged.db
    .insert(agencies)
    .values({ name: unique('Agency') })
    .returning();
  const [logoSha256, faviconSha256] = [await sha256Hex(LOGO), await sha256Hex(FAVICON)];
  const client = async (name: string, branding: Record<string, string> = {}) =>
    (
      await arranged.db
        .insert(tenants)
        .values({ slug: unique('c').toLowerCase(), name, reportingCurrency: 'USD', timeZone: 'UTC', agencyId: agency!.id, branding })
        .returning()
    )[0]!;
  const a = await client(unique('Acme Shoes'), {
    displayName: 'Acme Shoes Reports',
    primaryColor: '#aa3300',
    logoUrl: 'https://cdn.acme-shoes.com/logo.svg',
    faviconUrl: 'https://cdn.acme-shoes.com/favicon.ico',
    logoSha256,
    faviconSha256,
  });
  // The copies a branding write keeps (worker/branding/), as the pages show them.
  await arranged.db.insert(tenantAssets).values([
    {
      tenantId: a.id,
      kind: 'logo',
      contentType: 'image/svg+xml',
      bytes: LOGO,
      byteLength: LOGO.length,
      sha256: logoSha256,
      sourceUrl: 'https://cdn.acme-shoes.com/logo.svg',
    },
    {
      tenantId: a.id,
      kind: 'favicon',
      contentType: 'image/x-icon',
      bytes: FAVICON,
      byteLength: FAVICON.length,
      sha256: faviconSha256,
      sourceUrl: 'https://cdn.acme-shoes.com/favicon.ico',
    },
  ]);
  const b = await client(unique('Other Client'));
  const hostname = `${unique('reports').toLowerCase()}.acme-shoes.com`;
  const pending = `${unique('pending').toLowerCase()}.acme-shoes.com`;
  await arranged.db.insert(tenantDomains).values([
    { tenantId: a.id, hostname, verificationStatus: 'verified' },
    { tenantId: b.id, hostname: pending, verificationStatus: 'pending' },
  ]);
  const email = `${unique('member')}@example.test`;
  const password = `pw-${unique('p')}`;
  const [user] = await arranged.db
    .insert(users)
    .values({ email, name: 'Agency member', passwordHash: await hashPassword(password) })
    .returning();
  await arranged.db.insert(memberships).values({ userId: user!.id, agencyId: agency!.id, role: 'admin' });
  return {
    a,
    b,
    hostname,
    pending,
    logoPath: `/api/brand/${a.id}/logo/${logoSha256}`,
    faviconPath: `/api/brand/${a.id}/favicon/${faviconSha256}`,
    cookie: await signInCookie(email, password, '198.51.100.231'),
  };
}

const on = (hostname: string) => `http://${hostname}`;

describe('a tenant on its custom hostname', () => {
  it('refuses to start a connect there with a 409 that says where to connect, and sets no nonce cookie', async () => {
    const { a, hostname, cookie } = await agencyOnCustomHost();
    const res = await call(`/api/tenants/${a.slug}/connections/meta/connect`, {
      origin: on(hostname),
      method: 'POST',
      headers: { cookie, origin: on(hostname), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toContain('onboarding link');
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await (await call(`/t/${a.slug}/connections`, { origin: on(hostname), headers: { cookie } })).text();
    expect(page).toContain('connected on the product’s own address, or by the client through an onboarding link');
  });

  it('opens on its dashboard and signs in under its name, colours, logo and favicon, never the product’s', async () => {
    const { a, hostname, logoPath, faviconPath, cookie } = await agencyOnCustomHost();
    const dashboard = await (await call(`/t/${a.slug}`, { origin: on(hostname), headers: { cookie } })).text();
    expect(dashboard).toContain(`<img src="${logoPath}"`);
    expect(dashboard).toContain(`<link rel="icon" href="${faviconPath}"`);
    const root = await call('/', { origin: on(hostname), redirect: 'manual' });
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toBe(`/t/${a.slug}`);
    const login = await call('/login', { origin: on(hostname) });
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain('<title>Sign in · Acme Shoes Reports</title>');
    // The kept copies on this host, never the agency's URLs.
    expect(html).toContain(`<img src="${logoPath}"`);
    expect(html).toContain(`<link rel="icon" href="${faviconPath}"`);
    expect(html).not.toContain('cdn.acme-shoes.com');
    const logo = await call(logoPath, { origin: on(hostname) });
    expect([logo.status, await logo.text()]).toEqual([200, SMALL_SVG]);
    expect(new Uint8Array(await (await call(faviconPath, { origin: on(hostname) })).arrayBuffer())).toEqual(FAVICON);
    expect(html).toContain('--brand-primary: #aa3300');
    expect(html).not.toContain('Tidemark');
  });

  it('answers 404 for every other tenant there, in the API and in pages, even to a member of both', async () => {
    const { a, b, hostname, cookie } = await agencyOnCustomHost();
    const own = await call(`/api/tenants/${a.slug}/ad-accounts`, { origin: on(hostname), headers: { cookie } });
    expect(own.status).toBe(200);
    const other = await call(`/api/tenants/${b.slug}/ad-accounts`, { origin: on(hostname), headers: { cookie } });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(b.name);
    expect((await call(`/t/${b.slug}`, { origin: on(hostname), headers: { cookie } })).status).toBe(404);
    // On the product's own host the member still reaches both.
    expect((await call(`/api/tenants/${b.slug}/ad-accounts`, { headers: { cookie } })).status).toBe(200);
  });

  it('opens only its own live-update hub there', async () => {
    const { a, b, hostname, pending, cookie } = await agencyOnCustomHost();
    const upgrade = (tenantId: string, host: string) =>
      call(`/parties/tenant-hub/${tenantId}`, { origin: on(host), headers: { cookie, upgrade: 'websocket' } });
    const own = await upgrade(a.id, hostname);
    expect(own.status).toBe(101);
    own.webSocket?.accept();
    own.webSocket?.close();
    expect((await upgrade(b.id, hostname)).status).toBe(404);
    expect((await upgrade(b.id, pending)).status).toBe(404);
  });

  it('gives an unknown or unverified hostname a neutral page: no product, no tenant, no sign-in', async () => {
    const { b, pending, cookie } = await agencyOnCustomHost();
    for (const host of [pending, 'never-registered.example-agency.com']) {
      const page = await call('/login', { origin: on(host) });
      expect(page.status).toBe(404);
      const html = await page.text();
      expect(html).toContain('Nothing here');
      expect(html).not.toContain('Tidemark');
      expect(html).not.toContain(b.name);
      expect(html).not.toContain('password');
      const api = await call(`/api/tenants/${b.slug}/overview`, { origin: on(host), headers: { cookie } });
      expect(api.status).toBe(404);
      expect(await api.text()).not.toContain(b.name);
    }
    const [row] = rowsOf<{ n: number }>(
      await arranged.db.execute(sql`select count(*)::int as n from tenant_domains where hostname = ${pending}`),
    );
    expect(row!.n).toBe(1);
  });
});
