import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditLog } from '../../db/schema';
import { sha256Hex } from '../../worker/auth/password';
import { createKey, createTestAgency, type TestAgency, v1Client, v1Raw } from './api-v1-support';
import { call, closeWhenIdle, postJson, superDb } from './support';

const arranged = superDb();
let agency: TestAgency;
let other: TestAgency;

beforeAll(async () => {
  agency = await createTestAgency(arranged.db);
  other = await createTestAgency(arranged.db);
});
afterAll(() => closeWhenIdle(arranged));

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ status, code, requestId: expect.any(String) });
}

describe('agency API keys (session routes)', () => {
  it('shows a new key once, and stores only its prefix and SHA-256', async () => {
    const created = await createKey(agency, 'write', 'ci deploys');
    expect(created.key).toMatch(/^tmk_test_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const [row] = await arranged.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row).toMatchObject({ agencyId: agency.agencyId, prefix: created.prefix, scope: 'write', keyHash: await sha256Hex(created.key) });
    expect(JSON.stringify(row)).not.toContain(created.key.slice(created.prefix.length));

    const list = await call('/api/agency/api-keys', { headers: { cookie: await agency.cookieOf('admin') } });
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { data: Array<Record<string, unknown>> };
    const entry = listed.data.find((k) => k.id === created.id);
    expect(entry).toMatchObject({ name: 'ci deploys', prefix: created.prefix, scope: 'write', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it('writes the creation and the revocation to the agency audit log', async () => {
    const created = await createKey(agency, 'read');
    const revoke = await call(`/api/agency/api-keys/${created.id}`, {
      method: 'DELETE',
      headers: { cookie: await agency.cookieOf('owner') },
    });
    expect(revoke.status).toBe(204);
    const entries = await arranged.db
      .select({ action: auditLog.action, details: auditLog.details, tenantId: auditLog.tenantId })
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, agency.agencyId), eq(auditLog.target, created.id)));
    expect(entries.map((e) => e.action).sort()).toEqual(['agency.api_key.created', 'agency.api_key.revoked']);
    expect(entries.every((e) => e.tenantId === null && JSON.stringify(e.details).includes(created.prefix))).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(created.key);
  });

  it('lets only owners and admins manage keys: 401 without a session, 403 for editors and viewers, 404 for another agency', async () => {
    await expectProblem(await postJson('/api/agency/api-keys', { name: 'x', scope: 'read' }), 401, 'unauthenticated');
    for (const role of ['editor', 'viewer'] as const) {
      await expectProblem(
        await postJson('/api/agency/api-keys', { name: 'x', scope: 'read' }, { cookie: await agency.cookieOf(role) }),
        403,
        'forbidden',
      );
      await expectProblem(await call('/api/agency/api-keys', { headers: { cookie: await agency.cookieOf(role) } }), 403, 'forbidden');
    }
    const otherCookie = await other.cookieOf('owner');
    await expectProblem(
      await postJson('/api/agency/api-keys', { name: 'x', scope: 'write', agencyId: agency.agencyId }, { cookie: otherCookie }),
      404,
      'not_found',
    );
    await expectProblem(
      await call(`/api/agency/api-keys?agencyId=${agency.agencyId}`, { headers: { cookie: otherCookie } }),
      404,
      'not_found',
    );
  });

  it("answers 404 to revoking another agency's key and leaves it working", async () => {
    const victim = await createKey(agency, 'read');
    const res = await call(`/api/agency/api-keys/${victim.id}`, { method: 'DELETE', headers: { cookie: await other.cookieOf('owner') } });
    await expectProblem(res, 404, 'not_found');
    const [row] = await arranged.db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, victim.id));
    expect(row!.revokedAt).toBeNull();
    expect((await v1Client(victim.key).GET('/tenants')).response.status).toBe(200);
  });

  it('names each invalid field of a key request', async () => {
    const res = await postJson('/api/agency/api-keys', { name: '', scope: 'admin' }, { cookie: await agency.cookieOf('owner') });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: Array<{ field: string }> };
    expect(body.issues.map((i) => i.field).sort()).toEqual(['name', 'scope']);
  });
});

describe('/api/v1 authentication', () => {
  it('answers 401 problem details to a missing, malformed, unknown or revoked key alike', async () => {
    const revoked = await createKey(agency, 'write');
    await call(`/api/agency/api-keys/${revoked.id}`, { method: 'DELETE', headers: { cookie: await agency.cookieOf('owner') } });
    const unknown = `tmk_test_${'A'.repeat(43)}`;
    const tampered = `${revoked.key.slice(0, -1)}${revoked.key.endsWith('A') ? 'B' : 'A'}`;
    for (const [label, key] of [
      ['missing', null],
      ['malformed', 'not-a-key'],
      ['unknown', unknown],
      ['revoked', revoked.key],
      ['same prefix, other secret', tampered],
    ] as const) {
      const res = await v1Raw('/tenants', key);
      expect(res.status, label).toBe(401);
      expect(res.headers.get('www-authenticate'), label).toMatch(/^Bearer/);
      expect(await res.json(), label).toMatchObject({ code: 'unauthenticated', detail: expect.stringContaining('API key') });
    }
  });

  it('refuses a read key on write routes with 403 and lets it read', async () => {
    const read = await createKey(agency, 'read');
    const client = v1Client(read.key);
    const created = await client.POST('/tenants', { body: { name: 'Nope', slug: 'read-key-cannot-create' } });
    expect(created.response.status).toBe(403);
    expect(created.error).toMatchObject({ code: 'forbidden' });
    expect((await client.GET('/tenants')).response.status).toBe(200);
  });

  it('records when a key was last used, writing at most once a minute', async () => {
    const key = await createKey(agency, 'read');
    const lastUsed = async () => (await arranged.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id)))[0]!.at;
    expect(await lastUsed()).toBeNull();
    await v1Client(key.key).GET('/tenants');
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await v1Client(key.key).GET('/tenants');
    expect((await lastUsed())!.getTime()).toBe(first!.getTime());
  });
});
