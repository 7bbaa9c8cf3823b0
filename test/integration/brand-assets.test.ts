import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantAssets, tenantDomains, tenants } from '../../db/schema';
import { onePixelIco, onePixelPng, SMALL_SVG } from '../../dev/fakes/services/public-web-images';
import { createKey, createTestAgency, type TestAgency, tenantBody, v1Client } from './api-v1-support';
import { call, closeWhenIdle, superDb, unique } from './support';

/*
 * Logos and favicons: a branding write fetches each image once through the fake public web
 * (BRAND_ASSET_FETCH_PROXY), keeps a checked copy, and the product serves that copy from its own origin.
 */

const arranged = superDb();
let agency: TestAgency;
let writeKey: string;

beforeAll(async () => {
  agency = await createTestAgency(arranged.db);
  writeKey = (await createKey(agency, 'write')).key;
});
afterAll(() => closeWhenIdle(arranged));

const cdn = (name: string) => `https://cdn.${unique('brand').toLowerCase()}.test/${name}`;
const assetsOf = (tenantId: string) => arranged.db.select().from(tenantAssets).where(eq(tenantAssets.tenantId, tenantId));
const brandingOf = async (tenantId: string) =>
  (await arranged.db.select({ branding: tenants.branding }).from(tenants).where(eq(tenants.id, tenantId)))[0]!.branding;
const served = (tenantId: string, kind: string, sha256: string, origin?: string) =>
  call(`/api/brand/${tenantId}/${kind}/${sha256}`, { origin });
const bytesOf = async (res: Response) => [...new Uint8Array(await res.arrayBuffer())];

async function createWith(branding: Record<string, string>) {
  return v1Client(writeKey).POST('/tenants', { body: tenantBody({ branding }) });
}

type Problem = { code: string; issues: Array<{ field: string; message: string }> };

describe('branding images written through /api/v1', () => {
  it('answers 404 to a logo for another agency’s tenant before fetching any image for it', async () => {
    const other = await createTestAgency(arranged.db);
    const theirs = await v1Client((await createKey(other, 'write')).key).POST('/tenants', { body: tenantBody() });
    expect(theirs.response.status).toBe(201);
    const before = await assetsOf(theirs.data!.id);
    // A missing image would be refused with a 400 naming the field, had it been fetched.
    const patched = await v1Client(writeKey).PATCH('/tenants/{tenantId}', {
      params: { path: { tenantId: theirs.data!.id } },
      body: { branding: { logoUrl: cdn('missing.png') } },
    });
    expect(patched.response.status).toBe(404);
    expect(await assetsOf(theirs.data!.id)).toEqual(before);
  });

  it('keeps a copy of the logo and favicon and serves the same bytes from our origin, cacheable for good', async () => {
    const logoUrl = cdn('logo.png');
    const created = await createWith({ productName: 'Brand Co', logoUrl, faviconUrl: cdn('favicon.ico') });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const tenantId = created.data!.id;
    expect(created.data!.branding).toEqual({ productName: 'Brand Co', logoUrl, faviconUrl: expect.stringMatching(/favicon\.ico$/) });
    const rows = await assetsOf(tenantId);
    expect(rows.map((r) => [r.kind, r.contentType, r.sourceUrl === logoUrl]).sort()).toEqual([
      ['favicon', 'image/x-icon', false],
      ['logo', 'image/png', true],
    ]);
    const branding = await brandingOf(tenantId);
    const logo = await served(tenantId, 'logo', branding.logoSha256!);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await bytesOf(logo)).toEqual([...onePixelPng()]);
    const favicon = await served(tenantId, 'favicon', branding.faviconSha256!);
    expect([favicon.status, favicon.headers.get('content-type')]).toEqual([200, 'image/x-icon']);
    expect(await bytesOf(favicon)).toEqual([...onePixelIco()]);
  });

  it('serves an SVG logo under a policy that lets it run nothing', async () => {
    const created = await createWith({ logoUrl: cdn('logo.svg') });
    expect(created.response.status).toBe(201);
    const { logoSha256 } = await brandingOf(created.data!.id);
    const res = await served(created.data!.id, 'logo', logoSha256!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(SMALL_SVG);
  });

  it.each([
    ['huge.png', 'too large: more than 512 KB'],
    ['page.html', 'not an image: the server sent text/html'],
    ['disguised.png', 'not an image: the server sent image/png but the bytes are not one'],
    ['missing.png', 'not reachable: the server answered 404'],
    ['redirect-to-http.png', 'not https: it redirects to a URL that is not https'],
    ['redirect-loop.png', 'not reachable: more than 3 redirects'],
  ])('refuses a logo at %s with 400 naming branding.logoUrl and why, and creates nothing', async (name, reason) => {
    const body = tenantBody({ branding: { logoUrl: cdn(name), faviconUrl: cdn('favicon.ico') } });
    const res = await v1Client(writeKey).POST('/tenants', { body });
    expect(res.response.status).toBe(400);
    const problem = res.error as unknown as Problem;
    expect(problem.code).toBe('validation_failed');
    expect(problem.issues).toEqual([{ field: 'branding.logoUrl', message: expect.stringContaining(reason) }]);
    expect(await arranged.db.select().from(tenants).where(eq(tenants.slug, body.slug))).toEqual([]);
  });

  it('refuses a favicon that does not answer within 5 seconds, naming branding.faviconUrl', async () => {
    const res = await createWith({ logoUrl: cdn('logo.png'), faviconUrl: cdn('slow.png') });
    expect(res.response.status).toBe(400);
    expect((res.error as unknown as Problem).issues).toEqual([
      { field: 'branding.faviconUrl', message: 'The image was refused: not reachable: no complete answer within 5 s.' },
    ]);
  });

  it('holds a favicon to 128 KB even though a logo may be larger', async () => {
    const res = await createWith({ faviconUrl: cdn('huge.png') });
    expect((res.error as unknown as Problem).issues).toEqual([
      { field: 'branding.faviconUrl', message: expect.stringContaining('too large: more than 128 KB') },
    ]);
  });

  it('replaces the copy when a PATCH names a new logo, and keeps everything when the new one is refused', async () => {
    const created = await createWith({ logoUrl: cdn('logo.png') });
    const tenantId = created.data!.id;
    const first = (await brandingOf(tenantId)).logoSha256!;
    const client = v1Client(writeKey);
    const refused = await client.PATCH('/tenants/{tenantId}', {
      params: { path: { tenantId } },
      body: { name: 'Renamed', branding: { logoUrl: cdn('page.html') } },
    });
    expect(refused.response.status).toBe(400);
    expect((refused.error as unknown as Problem).issues.map((i) => i.field)).toEqual(['branding.logoUrl']);
    const unchanged = (await arranged.db.select().from(tenants).where(eq(tenants.id, tenantId)))[0]!;
    expect([unchanged.name, unchanged.branding.logoSha256]).toEqual([created.data!.name, first]);

    const replaced = await client.PATCH('/tenants/{tenantId}', {
      params: { path: { tenantId } },
      body: { branding: { logoUrl: cdn('logo.svg') } },
    });
    expect(replaced.response.status).toBe(200);
    const second = (await brandingOf(tenantId)).logoSha256!;
    expect(second).not.toBe(first);
    expect((await assetsOf(tenantId)).map((r) => [r.kind, r.contentType])).toEqual([['logo', 'image/svg+xml']]);
    expect((await served(tenantId, 'logo', second)).status).toBe(200);
    expect((await served(tenantId, 'logo', first)).status).toBe(404);
  });

  it('serves on a custom hostname only that tenant’s images, and answers 404 to made-up paths', async () => {
    const a = (await createWith({ logoUrl: cdn('logo.png') })).data!;
    const b = (await createWith({ logoUrl: cdn('logo.gif') })).data!;
    const hostname = `${unique('img').toLowerCase()}.acme-shoes.com`;
    await arranged.db.insert(tenantDomains).values({ tenantId: a.id, hostname, verificationStatus: 'verified' });
    const shaA = (await brandingOf(a.id)).logoSha256!;
    const shaB = (await brandingOf(b.id)).logoSha256!;
    expect((await served(a.id, 'logo', shaA, `http://${hostname}`)).status).toBe(200);
    const other = await served(b.id, 'logo', shaB, `http://${hostname}`);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(b.id);
    expect((await served(b.id, 'logo', shaB)).status).toBe(200);
    expect((await served(a.id, 'favicon', shaA)).status).toBe(404);
    expect((await served(a.id, 'banner', shaA)).status).toBe(404);
    expect((await served('not-a-uuid', 'logo', shaA)).status).toBe(404);
    expect((await served(a.id, 'logo', 'A'.repeat(64))).status).toBe(404);
  });
});
