import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { importStateKey, OAUTH_NONCE_COOKIE, type OAuthState, sealState } from '../../worker/auth/oauth-state';
import { connectedTenant, createEditorTenant, deliver, syncMessage, truthFacts } from './pipeline-support';
import { call, closeWhenIdle, createTenantWithData, postJson, signInCookie, superDb, type TestTenant, unique } from './support';
import { workerConfig } from './sync-support';

const arranged = superDb();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  a = await createTenantWithData(arranged.db, [
    { date: '2026-11-01', spendMicros: 12_340_000, impressions: 1000, clicks: 50, conversions: 5 },
    { date: '2026-11-02', spendMicros: 7_660_000, impressions: 3000, clicks: 150, conversions: 0 },
  ]);
  b = await createTenantWithData(arranged.db, [{ date: '2026-11-01', spendMicros: 99_000_000, impressions: 9, clicks: 9, conversions: 9 }]);
});
afterAll(() => closeWhenIdle(arranged));

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

  it('throttles one address trying many accounts: 20 refusals, then 429 with Retry-After, even for a right password', async () => {
    const ip = '198.18.0.77';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await postJson(
        '/api/auth/login',
        { email: `${unique('nobody')}@example.test`, password: 'x' },
        { 'cf-connecting-ip': ip },
      );
      statuses.push(res.status);
      if (i === 20) {
        // The lock lasts 15 minutes from the 20th failure.
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(890);
        expect(retryAfter).toBeLessThanOrEqual(900);
        expect(await res.json()).toMatchObject({ code: 'too_many_requests' });
      }
    }
    expect(statuses).toEqual([...Array<number>(20).fill(401), 429]);
    const honest = await createTenantWithData(arranged.db, []);
    const locked = await postJson('/api/auth/login', { email: honest.email, password: honest.password }, { 'cf-connecting-ip': ip });
    expect(locked.status).toBe(429);
    const elsewhere = await postJson(
      '/api/auth/login',
      { email: honest.email, password: honest.password },
      { 'cf-connecting-ip': '198.18.0.78' },
    );
    expect(elsewhere.status).toBe(200);
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

  it('serves repeated dashboard queries from the cache until a sync lands new data, then the new figures', async () => {
    const tenant = await connectedTenant(arranged.db, 'google_ads', 'partner-b', { ip: '198.51.100.28' });
    const [account] = tenant.accounts;
    const { from: landed, to } = account!.backfillState as { from: string; to: string };
    const from = addDays(landed, -7);
    const path = `/api/tenants/${tenant.tenantId}/overview?from=${from}&to=${to}`;
    const spendOf = async (res: Response) => ((await res.json()) as { kpis: Array<{ spendMicros: number }> }).kpis[0]!.spendMicros;
    const truthSpend = async (since: string) =>
      (await truthFacts('google_ads', account!.externalId, since, to)).reduce((sum, f) => sum + f.spendMicros, 0);

    const first = await call(path, { headers: { cookie: tenant.cookie } });
    expect(first.headers.get('x-tidemark-cache')).toBe('miss');
    const second = await call(path, { headers: { cookie: tenant.cookie } });
    expect(second.headers.get('x-tidemark-cache')).toBe('hit');
    expect(await second.clone().json()).toEqual(await first.json());
    const before = await spendOf(second);
    expect(before).toBe(await truthSpend(landed));

    // A real sync of the week before the backfill, through the queue consumer.
    const synced = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, from, addDays(landed, -1))]);
    expect(synced.explicitAcks).toHaveLength(1);

    const third = await call(path, { headers: { cookie: tenant.cookie } });
    expect(third.headers.get('x-tidemark-cache')).toBe('miss');
    const thirdBody = await third.clone().json();
    const after = await spendOf(third);
    expect(after).toBe(await truthSpend(from));
    expect(after).toBeGreaterThan(before);
    const fourth = await call(path, { headers: { cookie: tenant.cookie } });
    expect(fourth.headers.get('x-tidemark-cache')).toBe('hit');
    expect(await fourth.clone().json()).toEqual(thirdBody);
    expect(await spendOf(fourth)).toBe(after);
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
    const start = (platform: string) =>
      call(`/api/tenants/${a.tenantId}/connections/${platform}/connect`, {
        method: 'POST',
        headers: { cookie, origin: 'http://tidemark.test', 'content-type': 'application/json' },
        body: '{}',
      });
    const res = await start('meta');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('editors') });
    const unknown = await start('tiktok');
    expect(unknown.status).toBe(404);
  });

  it('refuses an OAuth callback whose state is garbage or was not issued to this browser', async () => {
    const cookie = await signInCookie(a.email, a.password, '198.51.100.27');
    const forged = await call('/api/oauth/meta/callback?state=eyJ0IjoiYSJ9.c2ln&code=abc', { headers: { cookie } });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ code: 'bad_request', detail: expect.stringContaining('state') });
    expect((await call('/api/oauth/meta/callback?state=x&code=abc')).status).toBe(401);
  });

  describe('a signed OAuth state', () => {
    let editor: Awaited<ReturnType<typeof createEditorTenant>>;
    let editorId: string;
    let otherId: string;
    const nonce = 'nonce-for-this-browser';
    beforeAll(async () => {
      editor = await createEditorTenant(arranged.db, '198.51.100.29');
      const other = await createEditorTenant(arranged.db, '198.51.100.30');
      editorId = await userId(editor.email);
      otherId = await userId(other.email);
    });

    async function userId(email: string): Promise<string> {
      return rowsOf<{ id: string }>(await arranged.db.execute(sql`select id from users where email = ${email}`))[0]!.id;
    }
    /** A state sealed with the Worker's own key, as the connect endpoint would issue it. */
    async function signed(overrides: Partial<OAuthState> = {}): Promise<string> {
      const key = await importStateKey(workerConfig().TOKEN_ENCRYPTION_KEY);
      return sealState(key, {
        tenantId: editor.tenantId,
        platform: 'meta',
        userId: editorId,
        nonce,
        backfillDays: 3,
        expiresAt: Date.now() + 10 * 60_000,
        ...overrides,
      });
    }
    /** The platform sent the user back without a code (they cancelled): a valid state ends on the connections page. */
    const callback = (platform: string, state: string, nonceCookie = nonce) =>
      call(`/api/oauth/${platform}/callback?state=${encodeURIComponent(state)}&error=access_denied`, {
        headers: { cookie: `${editor.cookie}; ${OAUTH_NONCE_COOKIE}=${nonceCookie}` },
        redirect: 'manual',
      });
    const refusal = async (res: Response) => ({ status: res.status, ...((await res.json()) as { code: string; detail: string }) });

    it('is accepted for the user, platform and tenant it was issued for', async () => {
      const res = await callback('meta', await signed());
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get('location')!);
      expect(back.pathname).toBe(`/t/${editor.slug}/connections`);
      expect(back.searchParams.get('connect_error')).toBe('access_denied');
    });

    it('is refused when issued to another user', async () => {
      expect(await refusal(await callback('meta', await signed({ userId: otherId })))).toMatchObject({
        status: 400,
        code: 'bad_request',
        detail: 'The connect flow belongs to another user or platform.',
      });
    });

    it('is refused at another platform’s callback', async () => {
      expect(await refusal(await callback('google_ads', await signed({ platform: 'meta' })))).toMatchObject({
        status: 400,
        code: 'bad_request',
        detail: 'The connect flow belongs to another user or platform.',
      });
    });

    it('is refused once the user may no longer connect for the tenant', async () => {
      const state = await signed();
      await arranged.db.execute(sql`update memberships set role = 'viewer' where user_id = ${editorId} and tenant_id = ${editor.tenantId}`);
      try {
        expect(await refusal(await callback('meta', state))).toMatchObject({
          status: 403,
          code: 'forbidden',
          detail: 'You can no longer connect ad accounts for this tenant.',
        });
      } finally {
        await arranged.db.execute(
          sql`update memberships set role = 'editor' where user_id = ${editorId} and tenant_id = ${editor.tenantId}`,
        );
      }
    });

    it('is refused when it was changed after sealing, when expired, or from another browser', async () => {
      const [version, iv, sealed] = (await signed()).split('.');
      const bytes = Buffer.from(sealed!, 'base64url');
      bytes[3] = bytes[3]! ^ 0x20;
      const forgedState = `${version}.${iv}.${bytes.toString('base64url')}`;
      expect((await refusal(await callback('meta', forgedState))).detail).toContain('state signature does not match');
      expect((await refusal(await callback('meta', await signed({ expiresAt: Date.now() - 1000 })))).detail).toContain('expired');
      expect((await refusal(await callback('meta', await signed(), 'another-browser'))).detail).toContain('another browser');
    });
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
