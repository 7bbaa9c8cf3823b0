import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { testEnv } from './support';

/** The Worker as deployed against a database that refuses its password. */
function envWithWrongDatabasePassword(): typeof testEnv {
  const url = new URL(testEnv.DATABASE_URL);
  url.password = 'wrong-password-s3cret';
  return { ...testEnv, DATABASE_URL: url.toString() };
}

async function deepHealth(workerEnv: Env): Promise<{ res: Response; body: unknown; logs: string[] }> {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request('http://tidemark.test/api/health?deep=1'), workerEnv, ctx);
    const body = await res.json();
    await waitOnExecutionContext(ctx);
    return { res, body, logs: spy.mock.calls.map((args) => args.map(String).join(' ')) };
  } finally {
    spy.mockRestore();
  }
}

describe('GET /api/health?deep=1', () => {
  it('tells anyone only that the database is unavailable, and logs the reason server-side without the URL', async () => {
    const workerEnv = envWithWrongDatabasePassword();
    const { res, body, logs } = await deepHealth(workerEnv as Env);
    expect(res.status).toBe(503);
    expect(body).toEqual({ ok: false, database: { ok: false, status: 'unavailable' } });
    const line = logs.find((l) => l.includes('health-check-failed'));
    expect(line).toMatch(/password authentication failed/);
    expect(line).not.toContain('wrong-password-s3cret');
    expect(line).not.toContain(workerEnv.DATABASE_URL);
  });

  it('reports a reachable database as available', async () => {
    const { res, body } = await deepHealth(testEnv as Env);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ ok: true, database: { ok: true, status: 'available', ms: expect.any(Number) } });
  });
});
