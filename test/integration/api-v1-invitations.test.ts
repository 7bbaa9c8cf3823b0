import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { createKey, createTestAgency, type TestAgency, tenantBody, v1Client, v1Raw } from './api-v1-support';
import { linkIn, mailsTo, nthMailTo, submitForm } from './people-support';
import { call, closeWhenIdle, superDb, unique } from './support';

const arranged = superDb();
let agency: TestAgency;
let writeKey: string;
let readKey: string;
let tenantId: string;
let tenantSlug: string;

beforeAll(async () => {
  agency = await createTestAgency(arranged.db);
  writeKey = (await createKey(agency, 'write')).key;
  readKey = (await createKey(agency, 'read')).key;
  const created = await v1Client(writeKey).POST('/tenants', { body: tenantBody() });
  tenantId = created.data!.id;
  tenantSlug = created.data!.slug;
});
afterAll(() => closeWhenIdle(arranged));

const newEmail = () => `${unique('v1inv').toLowerCase()}@client.test`;
const invite = (key: string, id: string, body: { email: string; role: 'admin' | 'editor' | 'viewer' }, idempotencyKey?: string) =>
  v1Client(key).POST('/tenants/{tenantId}/invitations', {
    params: { path: { tenantId: id }, header: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} },
    body,
  });
const invitationsTo = async (email: string) =>
  rowsOf<{ n: number }>(await arranged.db.execute(sql`select count(*)::int as n from invitations where email = ${email}`))[0]!.n;

describe('POST /api/v1/tenants/{tenantId}/invitations', () => {
  it("invites someone to one of the agency's tenants in its branding; the link opens the tenant", async () => {
    const email = newEmail();
    const res = await invite(writeKey, tenantId, { email, role: 'viewer' });
    expect(res.response.status).toBe(201);
    expect(res.data).toMatchObject({ tenantId, email, role: 'viewer', id: expect.any(String), expiresAt: expect.any(String) });
    const days = (Date.parse(res.data!.expiresAt) - Date.parse(res.data!.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    const mail = await nthMailTo(email);
    expect(mail.body.from.name).toBe('Acme Insights');
    const { token } = linkIn(mail, '/invite');
    expect(JSON.stringify(res.data)).not.toContain(token);
    const accepted = await submitForm(`/invite/${token}`, { name: 'Via API', password: 'a long enough password' });
    expect(accepted).toMatchObject({ type: 'redirect', location: `/t/${tenantSlug}` });
  });

  it('replays an Idempotency-Key without sending a second mail, and refuses the key with another body', async () => {
    const email = newEmail();
    const key = unique('idem');
    const first = await invite(writeKey, tenantId, { email, role: 'editor' }, key);
    const again = await invite(writeKey, tenantId, { email, role: 'editor' }, key);
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    await nthMailTo(email);
    expect(await mailsTo(email)).toHaveLength(1);
    expect((await invite(writeKey, tenantId, { email, role: 'admin' }, key)).response.status).toBe(409);
    expect(await invitationsTo(email)).toBe(1);
  });

  it("needs a write key, answers 404 for another agency's tenant, and 400 naming the field for a bad role", async () => {
    expect((await invite(readKey, tenantId, { email: newEmail(), role: 'viewer' })).response.status).toBe(403);
    const other = await createTestAgency(arranged.db);
    const otherKey = (await createKey(other, 'write')).key;
    const email = newEmail();
    expect((await invite(otherKey, tenantId, { email, role: 'viewer' })).response.status).toBe(404);
    expect(await invitationsTo(email)).toBe(0);
    const owner = await v1Raw(`/tenants/${tenantId}/invitations`, writeKey, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: newEmail(), role: 'owner' }),
    });
    expect(owner.status).toBe(400);
    expect(((await owner.json()) as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual(['role']);
    expect((await v1Raw(`/tenants/${tenantId}/invitations`, null, { method: 'POST' })).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/tenants/{tenantId}/invitations']?.post?.operationId).toBe('createInvitation');
  });
});
