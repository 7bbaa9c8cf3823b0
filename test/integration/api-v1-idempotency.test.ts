import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, tenants } from '../../db/schema';
import { sha256Hex } from '../../worker/auth/password';
import { createKey, createTestAgency, type TestAgency, tenantBody, v1Client, v1Raw } from './api-v1-support';
import { closeWhenIdle, superDb, unique } from './support';

const arranged = superDb();
let agency: TestAgency;
let writeKey: string;
let otherKey: string;

beforeAll(async () => {
  agency = await createTestAgency(arranged.db);
  writeKey = (await createKey(agency, 'write')).key;
  otherKey = (await createKey(await createTestAgency(arranged.db), 'write')).key;
});
afterAll(() => closeWhenIdle(arranged));

const tenantsWithSlug = (slug: string) =>
  arranged.db.select({ id: tenants.id, agencyId: tenants.agencyId }).from(tenants).where(eq(tenants.slug, slug));
const post = (key: string, idempotencyKey: string, body: unknown) =>
  v1Client(key).POST('/tenants', {
    params: { header: { 'idempotency-key': idempotencyKey } },
    body: body as ReturnType<typeof tenantBody>,
  });

describe('Idempotency-Key on POST /api/v1/tenants', () => {
  it('replays the stored status and body for the same key and body, without creating a second tenant', async () => {
    const key = unique('idem');
    const body = tenantBody();
    const first = await post(writeKey, key, body);
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    const again = await post(writeKey, key, JSON.parse(JSON.stringify(body)));
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(await tenantsWithSlug(body.slug)).toHaveLength(1);
  });

  it('treats the same JSON with its keys in another order as the same body', async () => {
    const key = unique('idem');
    const body = tenantBody();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await post(writeKey, key, body)).response.status).toBe(201);
    const again = await post(writeKey, key, reordered);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 409 problem details when the key comes back with another body, and does no work', async () => {
    const key = unique('idem');
    const body = tenantBody();
    expect((await post(writeKey, key, body)).response.status).toBe(201);
    const changed = tenantBody();
    const clash = await post(writeKey, key, changed);
    expect(clash.response.status).toBe(409);
    expect(clash.error).toMatchObject({ code: 'conflict', detail: expect.stringContaining('Idempotency-Key') });
    expect(await tenantsWithSlug(changed.slug)).toHaveLength(0);
  });

  it('keeps keys per agency: another agency may use the same key for its own request', async () => {
    const key = unique('idem');
    const mine = await post(writeKey, key, tenantBody());
    const theirs = await post(otherKey, key, tenantBody());
    expect([mine.response.status, theirs.response.status]).toEqual([201, 201]);
    expect(theirs.response.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.data!.id).not.toBe(mine.data!.id);
  });

  it('creates one tenant for two concurrent identical requests, and both get its response', async () => {
    const key = unique('idem');
    const body = tenantBody();
    const [a, b] = await Promise.all([post(writeKey, key, body), post(writeKey, key, body)]);
    expect([a.response.status, b.response.status]).toEqual([201, 201]);
    expect(a.data!.id).toBe(b.data!.id);
    expect([a.response.headers.get('idempotent-replayed'), b.response.headers.get('idempotent-replayed')].sort()).toEqual(
      [null, 'true'].sort(),
    );
    expect(await tenantsWithSlug(body.slug)).toEqual([{ id: a.data!.id, agencyId: agency.agencyId }]);
  });

  it('stores the key and the request as SHA-256 only, expiring after 24 hours', async () => {
    const key = unique('idem-secret');
    await post(writeKey, key, tenantBody());
    const [row] = await arranged.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.keyHash, await sha256Hex(key)));
    expect(row).toMatchObject({ agencyId: agency.agencyId, requestHash: expect.stringMatching(/^[0-9a-f]{64}$/), responseStatus: 201 });
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
  });

  it('takes over an expired key as new', async () => {
    const key = unique('idem');
    const first = tenantBody();
    expect((await post(writeKey, key, first)).response.status).toBe(201);
    await arranged.db
      .update(idempotencyKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(idempotencyKeys.keyHash, await sha256Hex(key)));
    const second = tenantBody();
    const res = await post(writeKey, key, second);
    expect(res.response.status).toBe(201);
    expect(res.response.headers.get('idempotent-replayed')).toBeNull();
    expect(await tenantsWithSlug(second.slug)).toHaveLength(1);
  });

  it("deletes the agency's expired keys when it sends another, and no other agency's", async () => {
    const expiredHash = await sha256Hex(unique('old'));
    const otherAgency = { id: (await createTestAgency(arranged.db)).agencyId };
    const past = new Date(Date.now() - 60_000);
    await arranged.db.insert(idempotencyKeys).values([
      { agencyId: agency.agencyId, keyHash: expiredHash, requestHash: expiredHash, expiresAt: past },
      { agencyId: otherAgency.id, keyHash: expiredHash, requestHash: expiredHash, expiresAt: past },
    ]);
    expect((await post(writeKey, unique('idem'), tenantBody())).response.status).toBe(201);
    const left = await arranged.db
      .select({ agencyId: idempotencyKeys.agencyId })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.keyHash, expiredHash));
    expect(left).toEqual([{ agencyId: otherAgency.id }]);
  });

  it('refuses a malformed Idempotency-Key, naming the header', async () => {
    const res = await v1Raw('/tenants', writeKey, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'has spaces in it' },
      body: JSON.stringify(tenantBody()),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual(['idempotency-key']);
  });
});
