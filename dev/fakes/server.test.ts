import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeContext } from './context';
import type { FakeServer } from './server';
import { startFakes } from './testing';

describe('fake server', () => {
  let fakes: FakeServer;
  beforeAll(async () => {
    const echoPlatform = (ctx: FakeContext) => {
      const app = new Hono();
      app.get('/v1/echo', (c) => c.json({ path: c.req.path, base: ctx.publicBaseUrl }));
      return app;
    };
    fakes = await startFakes({ seed: 3, now: new Date('2026-11-29T12:00:00Z'), platforms: { meta: echoPlatform } });
  });
  afterAll(() => fakes.close());

  it('listens on 127.0.0.1 on the port it was given (a free one in tests)', () => {
    expect(fakes.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fakes.ctx.publicBaseUrl).toBe(fakes.url);
  });

  it('mounts a platform fake under its prefix and hands it the path below it', async () => {
    const res = await fetch(`${fakes.url}/meta/v1/echo`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/v1/echo', base: fakes.url });
  });

  it('answers an unknown top-level path with a JSON 404', async () => {
    const res = await fetch(`${fakes.url}/nowhere/at/all`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('leaves platforms that were not passed unmounted', async () => {
    expect((await fetch(`${fakes.url}/linkedin/rest/adAccounts`)).status).toBe(404);
    const health = await (await fetch(`${fakes.url}/_control/health`)).json();
    expect(health).toMatchObject({ ok: true, seed: 3, platforms: ['meta'] });
  });

  it('drops the connection when a timeout fault is injected for a service', async () => {
    await fetch(`${fakes.url}/_control/faults`, {
      method: 'POST',
      body: JSON.stringify({ service: 'slack', kind: 'timeout', delayMs: 20, remaining: 1 }),
    });
    await expect(
      fetch(`${fakes.url}/slack/services/T0000000/B0000000/abcdefghijklmnop`, { method: 'POST', body: '{"text":"hi"}' }),
    ).rejects.toThrow('fetch failed');
    const again = await fetch(`${fakes.url}/slack/services/T0000000/B0000000/abcdefghijklmnop`, { method: 'POST', body: '{"text":"hi"}' });
    expect(await again.text()).toBe('ok');
  });

  it('closes and frees its port', async () => {
    const other = await startFakes({ platforms: {} });
    await other.close();
    await expect(fetch(`${other.url}/_control/health`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
  });
});
