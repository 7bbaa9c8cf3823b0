import { beforeEach, describe, expect, it } from 'vitest';
import { createServiceTestApp, postJson } from './test-app';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const BASE = `/cloudflare/client/v4/zones/${ZONE}/custom_hostnames`;
const AUTH = { authorization: 'Bearer cf-test-token-0123456789abcdef' };
let t: Awaited<ReturnType<typeof createServiceTestApp>>;
beforeEach(async () => {
  t = await createServiceTestApp();
});

const create = (hostname: string) => postJson(t.app, BASE, { hostname, ssl: { method: 'http', type: 'dv' } }, AUTH);
const get = (path: string) => t.app.request(path, { headers: AUTH });

describe('Cloudflare custom hostnames fake', () => {
  it('creates a pending hostname that turns active after the fake-clock delay', async () => {
    const res = await create('reports.partner-a.example');
    expect(res.status).toBe(200);
    const created = (await res.json()) as {
      success: boolean;
      errors: unknown[];
      messages: unknown[];
      result: { id: string; status: string; ssl: { status: string } };
    };
    expect(created).toMatchObject({
      success: true,
      errors: [],
      messages: [],
      result: { status: 'pending', ssl: { status: 'pending_validation' } },
    });
    t.ctx.world.clock.advance(61_000);
    const later = (await (await get(`${BASE}/${created.result.id}`)).json()) as { result: { status: string; ssl: { status: string } } };
    expect(later.result).toMatchObject({ status: 'active', ssl: { status: 'active' } });
  });

  it('times a validation out through the control API, and a PATCH of ssl restarts it', async () => {
    const created = (await (await create('late.partner-a.example')).json()) as { result: { id: string } };
    expect((await t.app.request('/_control/cloudflare/hostnames/late.partner-a.example/fail', { method: 'POST' })).status).toBe(200);
    t.ctx.world.clock.advance(120_000);
    const failed = (await (await get(`${BASE}/${created.result.id}`)).json()) as {
      result: { status: string; ssl: { status: string }; verification_errors: string[] };
    };
    expect(failed.result).toMatchObject({ status: 'pending', ssl: { status: 'validation_timed_out' } });
    expect(failed.result.verification_errors.join(' ')).toContain('timed out');
    const patched = await t.app.request(`${BASE}/${created.result.id}`, {
      method: 'PATCH',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ ssl: { method: 'txt', type: 'dv' } }),
    });
    expect(((await patched.json()) as { result: { ssl: { status: string } } }).result.ssl.status).toBe('pending_validation');
    t.ctx.world.clock.advance(61_000);
    const active = (await (await get(`${BASE}/${created.result.id}`)).json()) as { result: { status: string } };
    expect(active.result.status).toBe('active');
  });

  it('activates a hostname at once through the control API', async () => {
    await create('dash.partner-b.example');
    expect((await t.app.request('/_control/cloudflare/hostnames/dash.partner-b.example/activate', { method: 'POST' })).status).toBe(200);
    const list = (await (await get(`${BASE}?hostname=dash.partner-b.example`)).json()) as {
      result: { status: string }[];
      result_info: { total_count: number };
    };
    expect(list.result_info.total_count).toBe(1);
    expect(list.result[0]!.status).toBe('active');
  });

  it('filters the list by hostname, patches and deletes one by id', async () => {
    await create('a.example.com');
    const b = (await (await create('b.example.com')).json()) as { result: { id: string } };
    const filtered = (await (await get(`${BASE}?hostname=a.example.com`)).json()) as { result: { hostname: string }[] };
    expect(filtered.result.map((h) => h.hostname)).toEqual(['a.example.com']);
    const patched = await t.app.request(`${BASE}/${b.result.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ ssl: { method: 'txt', type: 'dv' } }),
      headers: AUTH,
    });
    expect(((await patched.json()) as { result: { ssl: { method: string } } }).result.ssl.method).toBe('txt');
    expect((await t.app.request(`${BASE}/${b.result.id}`, { method: 'DELETE', headers: AUTH })).status).toBe(200);
    const gone = await get(`${BASE}/${b.result.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ success: false, errors: [{ code: 1436 }], result: null });
  });

  it('refuses duplicates, invalid hostnames, a missing token and a malformed zone id in the envelope', async () => {
    await create('dup.example.com');
    expect((await create('dup.example.com')).status).toBe(409);
    expect((await create('not a host')).status).toBe(400);
    const noAuth = await t.app.request(BASE);
    expect(noAuth.status).toBe(403);
    expect(await noAuth.json()).toMatchObject({ success: false, errors: [{ code: 10000, message: 'Authentication error' }] });
    expect((await get('/cloudflare/client/v4/zones/xyz/custom_hostnames')).status).toBe(400);
  });
});
