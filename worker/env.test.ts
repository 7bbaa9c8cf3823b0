import { describe, expect, it } from 'vitest';
import { DEV_APP_PASSWORD, DEV_PORTS, DEV_SECRETS, developmentVars } from '../dev/dev-vars';
import { type ConfigResult, InvalidConfigError, parseConfig, readConfig, SERVICE_BASE_VARIABLES, tokenKeys } from './env';

const base64OfBytes = (length: number, seed = 11) => btoa(String.fromCharCode(...Array.from({ length }, (_, i) => (i * 37 + seed) % 256)));

const devVars = (appEnv: 'development' | 'test') =>
  developmentVars({
    appEnv,
    databaseUrl: `postgres://tidemark_app:${DEV_APP_PASSWORD}@127.0.0.1:${DEV_PORTS.postgres}/tidemark`,
    wsProxy: `127.0.0.1:${DEV_PORTS.wsProxy}`,
    fakesUrl: `http://127.0.0.1:${DEV_PORTS.fakes}`,
  });

/** What a real deploy sets: secrets only, everything else from the defaults. */
const productionVars: Record<string, string> = {
  APP_ENV: 'production',
  DATABASE_URL: 'postgres://tidemark_app:Qx7-prod-password@ep-calm-sky-123.eu-central-1.aws.neon.tech/tidemark',
  TOKEN_ENCRYPTION_KEY: base64OfBytes(32),
  META_APP_ID: '1093845712334455',
  META_APP_SECRET: '5f2c9e0a7b1d4c3e8f6a2b9d0c1e7f3a',
  GOOGLE_CLIENT_ID: '48213-abc.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'GOCSPX-prod-secret-value',
  GOOGLE_DEVELOPER_TOKEN: 'prod-developer-token',
  LINKEDIN_CLIENT_ID: '86abcdef123456',
  LINKEDIN_CLIENT_SECRET: 'WPL_AP1.prod-secret',
  OPERATOR_TOKEN: 'op-0f6c2a9e41d84b7f9a3c5e1d',
};

function issuesOf(result: ConfigResult) {
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.issues;
}

describe('parseConfig', () => {
  it.each(['development', 'test'] as const)('accepts the development configuration in %s', (appEnv) => {
    const result = parseConfig(devVars(appEnv));
    expect(result).toMatchObject({
      ok: true,
      config: { APP_ENV: appEnv, WS_PROXY: '127.0.0.1:5480', META_API_BASE: 'http://127.0.0.1:8790/meta' },
    });
  });

  it("accepts a production configuration of real secrets and the vendors' https endpoints", () => {
    const result = parseConfig(productionVars);
    expect(result).toMatchObject({
      ok: true,
      config: { APP_ENV: 'production', META_API_BASE: 'https://graph.facebook.com', GOOGLE_TOKEN_BASE: 'https://oauth2.googleapis.com' },
    });
  });

  it('accepts a WebSocket proxy reached with TLS in production', () => {
    const result = parseConfig({ ...productionVars, WS_PROXY: 'wss://pg-proxy.example.com:443' });
    expect(result).toMatchObject({ ok: true, config: { WS_PROXY: 'wss://pg-proxy.example.com:443' } });
  });

  it('treats an unset APP_ENV as production', () => {
    const { APP_ENV: _, ...unset } = productionVars;
    expect(parseConfig(unset)).toMatchObject({ ok: true, config: { APP_ENV: 'production' } });
    expect(issuesOf(parseConfig({ ...unset, TOKEN_ENCRYPTION_KEY: DEV_SECRETS.TOKEN_ENCRYPTION_KEY }))).toEqual([
      { variable: 'TOKEN_ENCRYPTION_KEY', message: 'the development key cannot be used in production' },
    ]);
  });

  const devSecretRefusals = [
    ['TOKEN_ENCRYPTION_KEY', 'the development key cannot be used in production'],
    ['OPERATOR_TOKEN', 'the development operator token cannot be used in production'],
    ['META_APP_ID', 'the development client id cannot be used in production'],
    ['META_APP_SECRET', 'the development client secret cannot be used in production'],
    ['GOOGLE_CLIENT_ID', 'the development client id cannot be used in production'],
    ['GOOGLE_CLIENT_SECRET', 'the development client secret cannot be used in production'],
    ['LINKEDIN_CLIENT_ID', 'the development client id cannot be used in production'],
    ['LINKEDIN_CLIENT_SECRET', 'the development client secret cannot be used in production'],
    ['DATADOG_API_KEY', 'the development DataDog API key cannot be used in production'],
    ['CLOUDFLARE_API_TOKEN', 'the development Cloudflare API token cannot be used in production'],
    ['SENDGRID_API_KEY', 'the development SendGrid API key cannot be used in production'],
  ] as const;

  it('has a refusal for every development secret', () => {
    expect(devSecretRefusals.map(([name]) => name).sort()).toEqual(Object.keys(DEV_SECRETS).sort());
  });

  it.each(devSecretRefusals)('refuses the development value of %s in production', (name, message) => {
    const vars = { ...productionVars, APP_HOSTS: 'app.tidemark.dev', [name]: DEV_SECRETS[name] };
    expect(issuesOf(parseConfig(vars))).toEqual([{ variable: name, message }]);
  });

  it('refuses custom domains in production without the product’s own hostnames', () => {
    const vars = { ...productionVars, CLOUDFLARE_API_TOKEN: 'cf-production-token-0123456789abcdef' };
    expect(issuesOf(parseConfig(vars))).toEqual([
      { variable: 'APP_HOSTS', message: 'must list the product’s own hostnames when custom domains are on' },
    ]);
    expect(parseConfig({ ...vars, APP_HOSTS: 'app.tidemark.dev, tidemark.dev' }).ok).toBe(true);
  });

  it('refuses the development key written as unpadded base64url in production', () => {
    const unpadded = DEV_SECRETS.TOKEN_ENCRYPTION_KEY.replace(/=+$/, '');
    expect(issuesOf(parseConfig({ ...productionVars, TOKEN_ENCRYPTION_KEY: unpadded }))).toEqual([
      { variable: 'TOKEN_ENCRYPTION_KEY', message: 'the development key cannot be used in production' },
    ]);
  });

  describe('TOKEN_ENCRYPTION_PREVIOUS_KEYS (older keys that still decrypt, during a rotation)', () => {
    const previous = [base64OfBytes(32, 3), base64OfBytes(32, 5)];

    it('lists the current key first and the previous keys after it, comma-separated with optional spaces', () => {
      const result = parseConfig({ ...productionVars, TOKEN_ENCRYPTION_PREVIOUS_KEYS: ` ${previous[0]} ,${previous[1]}` });
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(tokenKeys(result.config)).toEqual({ current: productionVars.TOKEN_ENCRYPTION_KEY, previous });
    });

    it('has no previous keys when unset', () => {
      const result = parseConfig(productionVars);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(tokenKeys(result.config)).toEqual({ current: productionVars.TOKEN_ENCRYPTION_KEY, previous: [] });
    });

    it('refuses a previous key that is not base64 of 32 bytes, without showing it', () => {
      const issues = issuesOf(parseConfig({ ...productionVars, TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${previous[0]},${base64OfBytes(31)}` }));
      expect(issues).toEqual([
        { variable: 'TOKEN_ENCRYPTION_PREVIOUS_KEYS', message: 'must be base64 keys of exactly 32 bytes, comma-separated' },
      ]);
    });

    it('refuses the development key among the previous keys in production', () => {
      expect(
        issuesOf(parseConfig({ ...productionVars, TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${previous[0]},${DEV_SECRETS.TOKEN_ENCRYPTION_KEY}` })),
      ).toEqual([{ variable: 'TOKEN_ENCRYPTION_PREVIOUS_KEYS', message: 'the development key cannot be used in production' }]);
    });
  });

  it("refuses the application role's development password in production", () => {
    const DATABASE_URL = `postgres://tidemark_app:${DEV_APP_PASSWORD}@db.example.com/tidemark`;
    expect(issuesOf(parseConfig({ ...productionVars, DATABASE_URL }))).toEqual([
      { variable: 'DATABASE_URL', message: 'the development password cannot be used in production' },
    ]);
  });

  it('checks the base URL of every external service', () => {
    expect([...SERVICE_BASE_VARIABLES].sort()).toEqual(
      [
        'META_API_BASE',
        'META_OAUTH_BASE',
        'GOOGLE_ADS_API_BASE',
        'GOOGLE_OAUTH_BASE',
        'GOOGLE_TOKEN_BASE',
        'LINKEDIN_API_BASE',
        'LINKEDIN_OAUTH_BASE',
        'SENDGRID_API_BASE',
        'SLACK_WEBHOOK_BASE',
        'DATADOG_API_BASE',
        'DATADOG_LOGS_BASE',
        'DATADOG_TRACE_BASE',
        'CLOUDFLARE_API_BASE',
        'FX_RATES_BASE',
      ].sort(),
    );
  });

  it.each(SERVICE_BASE_VARIABLES)('refuses an http: %s in production', (name) => {
    expect(issuesOf(parseConfig({ ...productionVars, [name]: 'http://api.example.com' }))).toEqual([
      { variable: name, message: 'must be an https: URL in production' },
    ]);
  });

  it.each(['127.0.0.1:5480', 'ws://pg-proxy.example.com:80'])('refuses the plain-text WebSocket proxy %s in production', (WS_PROXY) => {
    expect(issuesOf(parseConfig({ ...productionVars, WS_PROXY }))).toEqual([
      { variable: 'WS_PROXY', message: 'must be reached with TLS in production (wss://host[:port])' },
    ]);
  });

  it('refuses a time scale in production', () => {
    expect(issuesOf(parseConfig({ ...productionVars, TIME_SCALE: '2026-11-01T00:00:00Z@1764633600000x60' }))).toEqual([
      { variable: 'TIME_SCALE', message: 'compressed time is for development and benchmarks, not production' },
    ]);
  });

  it('refuses the brand-asset fetch proxy in production, and a local run passes the fake public web as it', () => {
    expect(issuesOf(parseConfig({ ...productionVars, BRAND_ASSET_FETCH_PROXY: 'https://proxy.example.com' }))).toEqual([
      { variable: 'BRAND_ASSET_FETCH_PROXY', message: 'the brand-asset fetch proxy is for development and tests, not production' },
    ]);
    expect(parseConfig(devVars('test'))).toMatchObject({
      ok: true,
      config: { BRAND_ASSET_FETCH_PROXY: 'http://127.0.0.1:8790/public-web' },
    });
  });

  it('passes the time scale of a local run to the Worker as TIME_SCALE', () => {
    const vars = developmentVars({
      appEnv: 'test',
      databaseUrl: `postgres://tidemark_app:${DEV_APP_PASSWORD}@127.0.0.1:5488/tidemark`,
      wsProxy: '127.0.0.1:5480',
      fakesUrl: 'http://127.0.0.1:8790',
      timeScale: { simEpochMs: Date.parse('2026-11-01T00:00:00Z'), realAnchorMs: 1764633600000, speed: 90 },
    });
    expect(parseConfig(vars)).toMatchObject({ ok: true, config: { TIME_SCALE: '2026-11-01T00:00:00.000Z@1764633600000x90' } });
  });

  it.each(['development', 'test'] as const)('accepts a time scale in %s and refuses a malformed one', (appEnv) => {
    const TIME_SCALE = '2026-11-01T00:00:00Z@1764633600000x60';
    expect(parseConfig({ ...devVars(appEnv), TIME_SCALE })).toMatchObject({ ok: true, config: { TIME_SCALE } });
    expect(issuesOf(parseConfig({ ...devVars(appEnv), TIME_SCALE: '2026-11-01T00:00:00Zx60' }))).toEqual([
      { variable: 'TIME_SCALE', message: 'must be <simulated epoch ISO>@<real anchor ms>x<speed above 0>' },
    ]);
  });

  it('names every development value when the development configuration is started in production', () => {
    const issues = issuesOf(parseConfig({ ...devVars('development'), APP_ENV: 'production' }));
    expect(issues.map((i) => i.variable).sort()).toEqual(
      [...Object.keys(DEV_SECRETS), 'DATABASE_URL', ...SERVICE_BASE_VARIABLES, 'WS_PROXY', 'BRAND_ASSET_FETCH_PROXY'].sort(),
    );
    const messages = JSON.stringify(issues);
    for (const value of [...Object.values(DEV_SECRETS), DEV_APP_PASSWORD, '127.0.0.1']) expect(messages).not.toContain(value);
  });

  const badKeys = [
    ['too short', 'c2hvcnQ='],
    ['31 bytes', base64OfBytes(31)],
    ['33 bytes', base64OfBytes(33)],
    ['not base64', `${'!'.repeat(43)}=`],
  ] as const;

  describe.each(['development', 'test', 'production'] as const)('in %s', (appEnv) => {
    const vars = appEnv === 'production' ? productionVars : devVars(appEnv);

    it.each(badKeys)('refuses a TOKEN_ENCRYPTION_KEY that is %s', (_, key) => {
      expect(issuesOf(parseConfig({ ...vars, TOKEN_ENCRYPTION_KEY: key }))).toEqual([
        { variable: 'TOKEN_ENCRYPTION_KEY', message: 'must be base64 of exactly 32 bytes' },
      ]);
    });

    it('refuses a WS_PROXY that is not a proxy address', () => {
      expect(issuesOf(parseConfig({ ...vars, WS_PROXY: 'https://pg-proxy.example.com' }))).toEqual([
        { variable: 'WS_PROXY', message: 'must be wss://host[:port] (TLS), or host:port / ws://host:port outside production' },
      ]);
    });
  });

  it('names each missing secret', () => {
    const issues = issuesOf(parseConfig({ APP_ENV: 'development' }));
    expect(issues).toEqual(
      [
        'DATABASE_URL',
        'TOKEN_ENCRYPTION_KEY',
        'META_APP_ID',
        'META_APP_SECRET',
        'GOOGLE_CLIENT_ID',
        'GOOGLE_CLIENT_SECRET',
        'LINKEDIN_CLIENT_ID',
        'LINKEDIN_CLIENT_SECRET',
      ].map((variable) => ({ variable, message: 'is required' })),
    );
  });
});

describe('readConfig', () => {
  it('parses each env object once', () => {
    const env = devVars('test') as unknown as Env;
    expect(readConfig(env)).toBe(readConfig(env));
  });

  it('throws an InvalidConfigError naming the variable and not its value', () => {
    const env = { ...productionVars, TOKEN_ENCRYPTION_KEY: DEV_SECRETS.TOKEN_ENCRYPTION_KEY } as unknown as Env;
    let thrown: unknown;
    try {
      readConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidConfigError);
    expect((thrown as Error).message).toBe(
      'Invalid Worker configuration: TOKEN_ENCRYPTION_KEY: the development key cannot be used in production',
    );
    // A second call reads the memo and refuses just the same.
    expect(() => readConfig(env)).toThrow(InvalidConfigError);
  });
});
