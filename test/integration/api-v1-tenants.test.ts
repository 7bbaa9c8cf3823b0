import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { auditLog, tenantDomains, tenants } from '../../db/schema';
import { createKey, createTestAgency, type TestAgency, tenantBody, v1Client, v1Raw } from './api-v1-support';
import { call, closeWhenIdle, superDb, unique } from './support';

const arranged = superDb();
let agency: TestAgency;
let other: TestAgency;
let writeKey: string;
let otherKey: string;

beforeAll(async () => {
  agency = await createTestAgency(arranged.db);
  other = await createTestAgency(arranged.db);
  writeKey = (await createKey(agency, 'write')).key;
  otherKey = (await createKey(other, 'write')).key;
});
afterAll(() => closeWhenIdle(arranged));

const tenantRow = async (id: string) => (await arranged.db.select().from(tenants).where(eq(tenants.id, id)))[0];
const domainsOf = (id: string) => arranged.db.select().from(tenantDomains).where(eq(tenantDomains.tenantId, id));

async function created(key: string, body = tenantBody()) {
  const res = await v1Client(key).POST('/tenants', { body });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return res.data!;
}

describe('POST /api/v1/tenants', () => {
  it('creates a tenant of the key’s agency with its branding and a pending custom domain', async () => {
    const hostname = `${unique('dash').toLowerCase()}.acme.test`;
    const body = tenantBody({ customDomain: hostname.toUpperCase() });
    const tenant = await created(writeKey, body);
    expect(tenant).toMatchObject({
      slug: body.slug,
      name: body.name,
      reportingCurrency: 'EUR',
      timeZone: 'Europe/Berlin',
      status: 'active',
      branding: body.branding,
      customDomain: { hostname, status: 'pending' },
    });
    expect(await tenantRow(tenant.id)).toMatchObject({
      agencyId: agency.agencyId,
      branding: expect.objectContaining({ displayName: 'Acme Insights' }),
    });
    expect(await domainsOf(tenant.id)).toEqual([expect.objectContaining({ hostname, verificationStatus: 'pending' })]);
    const audit = await arranged.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['tenant.created', 'tenant.domain_changed']);
  });

  it('names every invalid field, one issue each', async () => {
    const res = await v1Client(writeKey).POST('/tenants', {
      body: {
        slug: 'Not A Slug',
        reportingCurrency: 'eur',
        timeZone: 'Mars/Olympus',
        branding: { logoUrl: 'http://insecure.test/logo.png', primaryColor: 'red', faviconUrl: 'javascript:alert(1)' },
        customDomain: 'not a host',
        extra: true,
      } as never,
    });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ code: 'validation_failed' });
    const fields = (res.error as { issues: Array<{ field: string }> }).issues.map((i) => i.field).sort();
    expect(fields).toEqual([
      'branding.faviconUrl',
      'branding.logoUrl',
      'branding.primaryColor',
      'customDomain',
      'extra',
      'name',
      'reportingCurrency',
      'slug',
      'timeZone',
    ]);
  });

  it('refuses a reporting currency without exchange rates, saying which ones have them', async () => {
    const res = await v1Client(writeKey).POST('/tenants', { body: tenantBody({ reportingCurrency: 'XAF' }) });
    expect(res.response.status).toBe(400);
    expect((res.error as { issues: Array<{ field: string; message: string }> }).issues).toEqual([
      { field: 'reportingCurrency', message: expect.stringMatching(/^No exchange rates are kept for XAF; choose one of .*EUR.*JPY.*USD/) },
    ]);
  });

  it('answers 415 to a body that is not JSON, 400 invalid_json to broken JSON and 413 above 64 KB', async () => {
    const post = (body: string, type = 'application/json') =>
      v1Raw('/tenants', writeKey, { method: 'POST', headers: { 'content-type': type }, body });
    const notJson = await post('name=x', 'application/x-www-form-urlencoded');
    expect([notJson.status, ((await notJson.json()) as { code: string }).code]).toEqual([415, 'unsupported_media_type']);
    const broken = await post('{"name": ');
    expect([broken.status, ((await broken.json()) as { code: string }).code]).toEqual([400, 'invalid_json']);
    const huge = await post(JSON.stringify({ ...tenantBody(), name: 'x'.repeat(70 * 1024) }));
    expect([huge.status, ((await huge.json()) as { code: string }).code]).toEqual([413, 'payload_too_large']);
  });

  it('answers 409 naming the field when the slug or the hostname is taken, even by another agency', async () => {
    const mine = await created(writeKey, tenantBody({ customDomain: `${unique('h').toLowerCase()}.acme.test` }));
    const slugClash = await v1Client(otherKey).POST('/tenants', { body: tenantBody({ slug: mine.slug }) });
    expect(slugClash.response.status).toBe(409);
    expect(slugClash.error).toMatchObject({ code: 'conflict', issues: [{ field: 'slug' }] });
    const hostClash = await v1Client(otherKey).POST('/tenants', { body: tenantBody({ customDomain: mine.customDomain!.hostname }) });
    expect(hostClash.response.status).toBe(409);
    expect(hostClash.error).toMatchObject({ code: 'conflict', issues: [{ field: 'customDomain' }] });
    expect(JSON.stringify(hostClash.error)).not.toContain(mine.slug);
  });
  it('answers one of two concurrent creates with the same slug with 409, never a 500', async () => {
    const body = tenantBody();
    const answers = await Promise.all([v1Client(writeKey).POST('/tenants', { body }), v1Client(otherKey).POST('/tenants', { body })]);
    expect(answers.map((a) => a.response.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.response.status === 409)!.error).toMatchObject({ code: 'conflict', issues: [{ field: 'slug' }] });
  });

  it('refuses NUL and other control characters in free text, naming the field', async () => {
    const res = await v1Client(writeKey).POST('/tenants', {
      body: tenantBody({ name: 'Acme\u0000Shoes', branding: { productName: 'Bell\u0007' } }),
    });
    expect(res.response.status).toBe(400);
    expect((res.error as { issues: Array<{ field: string }> }).issues.map((i) => i.field).sort()).toEqual(['branding.productName', 'name']);
    const search = await v1Raw('/tenants?q=%00', writeKey);
    expect(search.status).toBe(400);
    expect(((await search.json()) as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual(['q']);
  });
});

describe('GET /api/v1/tenants', () => {
  it('pages through the agency’s tenants in slug order with a cursor, filtered by substring and status', async () => {
    const marker = unique('pg').toLowerCase();
    const slugs = ['a', 'b', 'c'].map((s) => `${marker}-${s}`);
    for (const slug of slugs) await created(writeKey, tenantBody({ slug, name: `Paged ${slug}` }));
    await created(otherKey, tenantBody({ slug: `${marker}-z` }));
    const client = v1Client(writeKey);
    const first = await client.GET('/tenants', { params: { query: { q: marker, limit: 2 } } });
    expect(first.data!.data.map((t) => t.slug)).toEqual(slugs.slice(0, 2));
    expect(first.data!.nextCursor).toEqual(expect.any(String));
    const second = await client.GET('/tenants', {
      params: { query: { q: marker.toUpperCase(), limit: 2, cursor: first.data!.nextCursor! } },
    });
    expect(second.data!.data.map((t) => t.slug)).toEqual(slugs.slice(2));
    expect(second.data!.nextCursor).toBeNull();

    await client.PATCH('/tenants/{tenantId}', { params: { path: { tenantId: first.data!.data[0]!.id } }, body: { status: 'suspended' } });
    const suspended = await client.GET('/tenants', { params: { query: { q: marker, status: 'suspended' } } });
    expect(suspended.data!.data.map((t) => t.slug)).toEqual([slugs[0]]);
  });

  it('treats % and _ in the filter as plain characters', async () => {
    const res = await v1Client(writeKey).GET('/tenants', { params: { query: { q: '%' } } });
    expect(res.response.status).toBe(200);
    expect(res.data!.data).toEqual([]);
  });

  it('bounds the page size and refuses a cursor it did not issue, naming the parameter', async () => {
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ cursor: 'bm90LWEtc2x1ZyE' }, 'cursor'],
      [{ status: 'archived' }, 'status'],
    ] as const) {
      const res = await v1Client(writeKey).GET('/tenants', { params: { query: query as never } });
      expect(res.response.status, field).toBe(400);
      expect(
        (res.error as { issues: Array<{ field: string }> }).issues.map((i) => i.field),
        field,
      ).toEqual([field]);
    }
  });
});

describe('one agency cannot see or change another agency’s tenants', () => {
  it('answers 404 to get, update and delete of another agency’s tenant, and changes no row', async () => {
    const theirs = await created(otherKey, tenantBody({ customDomain: `${unique('o').toLowerCase()}.other.test` }));
    const before = await tenantRow(theirs.id);
    const client = v1Client(writeKey);
    const params = { path: { tenantId: theirs.id } };
    const answers = [
      await client.GET('/tenants/{tenantId}', { params }),
      await client.PATCH('/tenants/{tenantId}', { params, body: { name: 'Hijacked', customDomain: null } }),
      await client.DELETE('/tenants/{tenantId}', { params }),
    ];
    for (const answer of answers) {
      expect(answer.response.status).toBe(404);
      expect(answer.error).toMatchObject({ code: 'not_found', detail: 'No such tenant.' });
      expect(JSON.stringify(answer.error)).not.toContain(theirs.slug);
    }
    expect(await tenantRow(theirs.id)).toEqual(before);
    expect(await domainsOf(theirs.id)).toHaveLength(1);
    const listed = await client.GET('/tenants', { params: { query: { q: theirs.slug } } });
    expect(listed.data!.data).toEqual([]);
  });

  it('answers 404 to a tenant id that does not exist and 400 naming tenantId to one that is not a UUID', async () => {
    const missing = await v1Client(writeKey).GET('/tenants/{tenantId}', { params: { path: { tenantId: crypto.randomUUID() } } });
    expect(missing.response.status).toBe(404);
    const bad = await v1Raw('/tenants/%00', writeKey);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual(['tenantId']);
  });
});

describe('PATCH and DELETE /api/v1/tenants/{tenantId}', () => {
  it('changes only the fields sent, merges branding, and replaces or removes the custom domain', async () => {
    const tenant = await created(writeKey, tenantBody({ customDomain: `${unique('m').toLowerCase()}.acme.test` }));
    const client = v1Client(writeKey);
    const params = { path: { tenantId: tenant.id } };
    const newHost = `${unique('n').toLowerCase()}.acme.test`;
    const patched = await client.PATCH('/tenants/{tenantId}', {
      params,
      body: { name: 'Renamed', branding: { accentColor: '#111111' }, customDomain: newHost },
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data).toMatchObject({
      name: 'Renamed',
      slug: tenant.slug,
      reportingCurrency: 'EUR',
      branding: { ...tenant.branding, accentColor: '#111111' },
      customDomain: { hostname: newHost, status: 'pending' },
    });
    const removed = await client.PATCH('/tenants/{tenantId}', { params, body: { customDomain: null } });
    expect(removed.data!.customDomain).toBeNull();
    expect(await domainsOf(tenant.id)).toEqual([]);
  });

  it('deletes by archiving: gone from the API and the dashboards, row and data kept, domain released', async () => {
    const hostname = `${unique('d').toLowerCase()}.acme.test`;
    const tenant = await created(writeKey, tenantBody({ customDomain: hostname }));
    const client = v1Client(writeKey);
    const params = { path: { tenantId: tenant.id } };
    const deleted = await client.DELETE('/tenants/{tenantId}', { params });
    expect(deleted.response.status).toBe(204);
    expect((await client.GET('/tenants/{tenantId}', { params })).response.status).toBe(404);
    expect((await client.DELETE('/tenants/{tenantId}', { params })).response.status).toBe(404);
    expect((await client.GET('/tenants', { params: { query: { q: tenant.slug } } })).data!.data).toEqual([]);
    expect(await tenantRow(tenant.id)).toMatchObject({ status: 'archived', agencyId: agency.agencyId });
    expect(await domainsOf(tenant.id)).toEqual([]);
    const dashboard = await call(`/api/tenants/${tenant.slug}/overview`, { headers: { cookie: await agency.cookieOf('owner') } });
    expect(dashboard.status).toBe(404);
    const reuse = await v1Client(otherKey).POST('/tenants', { body: tenantBody({ customDomain: hostname }) });
    expect(reuse.response.status).toBe(201);
  });
});

describe('row-level security under the provisioning API', () => {
  it('runs as the application role, which is no superuser and cannot bypass row-level security', async () => {
    const [role] = rowsOf<{ rolsuper: boolean; rolbypassrls: boolean }>(
      await arranged.db.execute(sql`select rolsuper, rolbypassrls from pg_roles where rolname = 'tidemark_app'`),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const forced = rowsOf<{ relname: string; relforcerowsecurity: boolean }>(
      await arranged.db.execute(
        sql`select relname, relforcerowsecurity from pg_class where relname in ('api_keys', 'idempotency_keys') order by relname`,
      ),
    );
    expect(forced).toEqual([
      { relname: 'api_keys', relforcerowsecurity: true },
      { relname: 'idempotency_keys', relforcerowsecurity: true },
    ]);
  });
});
