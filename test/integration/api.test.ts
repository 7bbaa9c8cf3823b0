import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTenantWithData, postJson, signInCookie, superDb, type TestTenant, unique } from './support';

const arranged = superDb();
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  a = await createTenantWithData(arranged.db, [
    { date: '2026-11-01', spendMicros: 12_340_000, impressions: 1000, clicks: 50, conversions: 5 },
    { date: '2026-11-02', spendMicros: 7_660_000, impressions: 3000, clicks: 150, conversions: 0 },
  ]);
  b = await createTenantWithData(arranged.db, [{ date: '2026-11-01', spendMicros: 99_000_000, impressions: 9, clicks: 9, conversions: 9 }]);
});
afterAll(() => arranged.close());

describe('API basics', () => {
  it('answers health from workerd and reaches Postgres through the proxy', async () => {
    const res = await call('/api/health?deep=1');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: { ok: true } });
  });

  it('answers an unknown API route with a JSON 404 in the stable error shape', async () => {
    const res = await call('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: expect.stringContaining('/api/no-such-thing'),
      requestId: expect.any(String),
    });
  });

  it('rejects malformed JSON with 400 invalid_json', async () => {
    const res = await call('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_json' });
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await call('/api/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('names each invalid field', async () => {
    const res = await postJson('/api/auth/login', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; issues: Array<{ field: string }> };
    expect(body.code).toBe('validation_failed');
    expect(body.issues.map((i) => i.field).sort()).toEqual(['email', 'password']);
  });
});

describe('sign-in', () => {
  it('refuses a wrong password with 401 and a clear message', async () => {
    const res = await postJson('/api/auth/login', { email: a.email, password: 'wrong' }, { 'cf-connecting-ip': '203.0.113.10' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'invalid_credentials', detail: 'The email or password is incorrect.' });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure only over TLS', async () => {
    const plain = await postJson('/api/auth/login', { email: a.email, password: a.password }, { 'cf-connecting-ip': '203.0.113.11' });
    expect(plain.status).toBe(200);
    const cookie = plain.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tm_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const tls = await call('/api/auth/login', {
      origin: 'https://tidemark.test',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.11' },
      body: JSON.stringify({ email: a.email, password: a.password }),
    });
    expect(tls.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('locks an account after repeated failures, even with the right password', async () => {
    const victim = await createTenantWithData(arranged.db, []);
    for (let i = 0; i < 5; i++) {
      const res = await postJson('/api/auth/login', { email: victim.email, password: 'nope' }, { 'cf-connecting-ip': `192.0.2.${i + 1}` });
      expect(res.status).toBe(401);
    }
    const locked = await postJson(
      '/api/auth/login',
      { email: victim.email, password: victim.password },
      { 'cf-connecting-ip': '192.0.2.99' },
    );
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ code: 'too_many_requests' });
  });

  it('throttles one address trying many accounts', async () => {
    const ip = '198.18.0.77';
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const res = await postJson(
        '/api/auth/login',
        { email: `${unique('nobody')}@example.test`, password: 'x' },
        { 'cf-connecting-ip': ip },
      );
      last = res.status;
    }
    expect(last).toBe(429);
  });
});

describe('tenant isolation over the API', () => {
  it('serves a member their tenant’s KPIs from the rollups', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.21');
    const res = await call(`/api/tenants/${a.tenantId}/overview?from=2026-11-01&to=2026-11-30`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kpis: Array<Record<string, unknown>> };
    expect(body.kpis).toHaveLength(1);
    expect(body.kpis[0]).toMatchObject({ currency: 'USD', spendMicros: 20_000_000, impressions: 4000, clicks: 200, conversions: 5 });
  });

  it('serves repeated dashboard queries from the cache until a sync bumps the tenant’s data version', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.24');
    const path = `/api/tenants/${a.tenantId}/overview?from=2026-10-01&to=2026-11-30`;
    const first = await call(path, { headers: { cookie } });
    expect(first.headers.get('x-tidemark-cache')).toBe('miss');
    const second = await call(path, { headers: { cookie } });
    expect(second.headers.get('x-tidemark-cache')).toBe('hit');
    expect(await second.json()).toEqual(await first.json());

    // A sync commit writes rollups and bumps the version in one transaction.
    const { sql } = await import('drizzle-orm');
    await arranged.db.execute(
      sql`update account_daily set spend_micros = spend_micros + 1000000 where tenant_id = ${a.tenantId} and date = '2026-11-01'`,
    );
    await arranged.db.execute(sql`update tenants set data_version = data_version + 1 where id = ${a.tenantId}`);
    const third = await call(path, { headers: { cookie } });
    expect(third.headers.get('x-tidemark-cache')).toBe('miss');
    const body = (await third.json()) as { kpis: Array<{ spendMicros: number }> };
    expect(body.kpis[0]!.spendMicros).toBe(21_000_000);
    await arranged.db.execute(
      sql`update account_daily set spend_micros = spend_micros - 1000000 where tenant_id = ${a.tenantId} and date = '2026-11-01'`,
    );
    await arranged.db.execute(sql`update tenants set data_version = data_version + 1 where id = ${a.tenantId}`);
  });

  it('answers 404 when a member of tenant A asks for tenant B, by id or slug', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.22');
    for (const ref of [b.tenantId, b.slug]) {
      const res = await call(`/api/tenants/${ref}/overview?from=2026-11-01&to=2026-11-30`, { headers: { cookie } });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('answers 404 for every tenant resource of another tenant', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.25');
    const range = 'from=2026-11-01&to=2026-11-30';
    for (const resource of [
      `overview?${range}`,
      `spend-by-day?${range}`,
      `campaigns?${range}`,
      'ad-accounts',
      'connections/meta/connect',
    ]) {
      const res = await call(`/api/tenants/${b.tenantId}/${resource}`, { headers: { cookie }, redirect: 'manual' });
      expect(res.status, resource).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
    }
  });

  it('lets only owners, admins and editors start a connection', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.26');
    const res = await call(`/api/tenants/${a.tenantId}/connections/meta/connect`, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
    const unknown = await call(`/api/tenants/${a.tenantId}/connections/tiktok/connect`, { headers: { cookie }, redirect: 'manual' });
    expect(unknown.status).toBe(404);
  });

  it('refuses an OAuth callback whose state was not issued to this browser', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.27');
    const forged = await call('/api/oauth/meta/callback?state=eyJ0IjoiYSJ9.c2ln&code=abc', { headers: { cookie } });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ code: 'bad_request', detail: expect.stringContaining('state') });
    expect((await call('/api/oauth/meta/callback?state=x&code=abc')).status).toBe(401);
  });

  it('requires a session', async () => {
    const res = await call(`/api/tenants/${a.tenantId}/overview?from=2026-11-01&to=2026-11-30`);
    expect(res.status).toBe(401);
  });

  it('rejects an inverted date range with a field-level 400', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.23');
    const res = await call(`/api/tenants/${a.tenantId}/overview?from=2026-11-30&to=2026-11-01`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'validation_failed', issues: [{ field: 'from' }] });
  });
});
