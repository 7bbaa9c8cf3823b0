import { createExecutionContext, createMessageBatch, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEV_SECRETS } from '../../dev/dev-vars';
import { SERVICE_BASE_VARIABLES } from '../../worker/env';
import worker from '../../worker/index';
import type { JobMessage } from '../../worker/jobs/messages';
import { testEnv } from './support';

/** The test project's own bindings (development values, the fakes over http:, the plain local proxy) started as production. */
const productionWithDevValues = (): Env => ({ ...env, APP_ENV: 'production' }) as Env;

/** What a deploy sets: real-looking secrets, a TLS proxy, no service base (the vendors' https defaults apply). */
function productionEnv(): Env {
  return {
    ...env,
    ...Object.fromEntries(SERVICE_BASE_VARIABLES.map((name) => [name, undefined])),
    APP_ENV: 'production',
    DATABASE_URL: 'postgres://tidemark_app:Qx7-prod-password@db.example.com/tidemark',
    WS_PROXY: 'wss://pg-proxy.example.com',
    TOKEN_ENCRYPTION_KEY: btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256))),
    OPERATOR_TOKEN: 'op-0f6c2a9e41d84b7f9a3c5e1d',
    META_APP_ID: '1093845712334455',
    META_APP_SECRET: '5f2c9e0a7b1d4c3e8f6a2b9d0c1e7f3a',
    GOOGLE_CLIENT_ID: '48213-abc.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'GOCSPX-prod-secret-value',
    LINKEDIN_CLIENT_ID: '86abcdef123456',
    LINKEDIN_CLIENT_SECRET: 'WPL_AP1.prod-secret',
    DATADOG_API_KEY: 'dd-7c1e9a4b2f8d0e6a3b5c9d1f',
    CLOUDFLARE_API_TOKEN: 'cf-4b9d2e7a1c6f3e8b0d5a9c2e7f1b4d6a',
    SENDGRID_API_KEY: 'SG.prod-key-0a1b2c3d.4e5f6a7b8c9d',
    APP_HOSTS: 'tidemark.example.com',
    TIME_SCALE: undefined,
    BRAND_ASSET_FETCH_PROXY: undefined,
  } as Env;
}

async function fetchWith(workerEnv: Env, path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`https://tidemark.example.com${path}`), workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The JSON log lines the Worker wrote with console.error while `run` ran. */
async function errorLogs(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await run();
    return spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('a Worker started in production with development configuration', () => {
  it.each(['/api/health', '/api/tenants', '/login', '/parties/tenant-hub/some-tenant'])(
    'answers %s with 503 problem details that reveal no configuration',
    async (path) => {
      let res: Response | undefined;
      const logs = await errorLogs(async () => {
        res = await fetchWith(productionWithDevValues(), path);
      });
      expect(res!.status).toBe(503);
      const text = await res!.text();
      expect(JSON.parse(text)).toEqual({
        type: 'https://docs.tidemark.dev/errors/service_misconfigured',
        title: 'service misconfigured',
        status: 503,
        code: 'service_misconfigured',
        detail: 'This Tidemark deployment is not configured correctly; the operator can find the reason in the Worker logs.',
        requestId: res!.headers.get('x-request-id'),
      });
      for (const value of [...Object.values(DEV_SECRETS), testEnv.FAKES_URL, testEnv.WS_PROXY]) expect(text).not.toContain(value);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatchObject({ level: 'error', event: 'invalid-config', requestId: res!.headers.get('x-request-id') });
    },
  );

  it('logs a line naming each refused variable, never a value', async () => {
    const logs = await errorLogs(() => fetchWith(productionWithDevValues(), '/api/health'));
    const line = JSON.stringify(logs[0]);
    expect(logs[0]!.variables).toEqual(expect.arrayContaining(['TOKEN_ENCRYPTION_KEY', 'OPERATOR_TOKEN', 'META_API_BASE', 'WS_PROXY']));
    expect(line).toContain('TOKEN_ENCRYPTION_KEY: the development key cannot be used in production');
    expect(line).toContain('META_API_BASE: must be an https: URL in production');
    expect(line).toContain('WS_PROXY: must be reached with TLS in production (wss://host[:port])');
    for (const value of [...Object.values(DEV_SECRETS), testEnv.FAKES_URL, testEnv.WS_PROXY]) expect(line).not.toContain(value);
  });

  it('fails the cron trigger and the queue consumer instead of running them', async () => {
    const logs = await errorLogs(async () => {
      const ctx = createExecutionContext();
      await expect(worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), productionWithDevValues(), ctx)).rejects.toThrow(
        'TOKEN_ENCRYPTION_KEY: the development key cannot be used in production',
      );
      const batch = createMessageBatch('tidemark-sync', [{ id: 'm-config', timestamp: new Date(), attempts: 1, body: {} }]);
      await expect(worker.queue(batch as MessageBatch<JobMessage>, productionWithDevValues(), ctx)).rejects.toThrow(
        'TOKEN_ENCRYPTION_KEY: the development key cannot be used in production',
      );
    });
    expect(logs.map((l) => [l.event, l.handler])).toEqual([
      ['invalid-config', 'scheduled'],
      ['invalid-config', 'queue'],
    ]);
  });
});

describe('a Worker started in production with a production configuration', () => {
  it('serves requests', async () => {
    const res = await fetchWith(productionEnv(), '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('refuses it once a single development value is put back, naming that variable', async () => {
    const logs = await errorLogs(async () => {
      const res = await fetchWith({ ...productionEnv(), GOOGLE_CLIENT_SECRET: DEV_SECRETS.GOOGLE_CLIENT_SECRET } as Env, '/api/health');
      expect(res.status).toBe(503);
    });
    expect(logs).toMatchObject([
      {
        variables: ['GOOGLE_CLIENT_SECRET'],
        message: 'Invalid Worker configuration: GOOGLE_CLIENT_SECRET: the development client secret cannot be used in production',
      },
    ]);
  });
});
