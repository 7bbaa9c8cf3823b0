/**
 * The Worker's development and test configuration, in one place. wrangler.toml holds none of it:
 * `npm run dev` and the e2e setup pass these to `wrangler dev` as `--var`s, the workerd test
 * project as miniflare bindings, and worker/env.ts refuses every secret below in production.
 *
 * Pure data on purpose (no Node APIs): the Worker bundles `DEV_SECRETS` for that refusal. The
 * values are committed here, so shipping them reveals nothing, and comparing plain values keeps
 * the config parse synchronous (a digest would need the async crypto.subtle).
 */

/** Fixed local ports of `npm run dev`. */
export const DEV_PORTS = { app: 8787, fakes: 8790, postgres: 5488, wsProxy: 5480 } as const;

/** Password of the application role `tidemark_app` in the local database. */
export const DEV_APP_PASSWORD = 'tidemark-dev-app';

/** Development secrets by variable; the fakes accept these client ids and secrets. */
export const DEV_SECRETS = {
  /** base64 of the 32 bytes "dev-only-token-key-0123456789abc". */
  TOKEN_ENCRYPTION_KEY: 'ZGV2LW9ubHktdG9rZW4ta2V5LTAxMjM0NTY3ODlhYmM=',
  OPERATOR_TOKEN: 'tidemark-dev-operator-token',
  META_APP_ID: 'tidemark-dev',
  META_APP_SECRET: 'tidemark-dev-secret',
  GOOGLE_CLIENT_ID: 'tidemark-dev',
  GOOGLE_CLIENT_SECRET: 'tidemark-dev-secret',
  LINKEDIN_CLIENT_ID: 'tidemark-dev',
  LINKEDIN_CLIENT_SECRET: 'tidemark-dev-secret',
} as const;

/** Worker variables that point every external service at the fakes. */
export function fakeServiceVars(fakesUrl: string): Record<string, string> {
  return {
    META_API_BASE: `${fakesUrl}/meta`,
    META_OAUTH_BASE: `${fakesUrl}/meta`,
    GOOGLE_ADS_API_BASE: `${fakesUrl}/google-ads`,
    GOOGLE_OAUTH_BASE: `${fakesUrl}/google-ads`,
    GOOGLE_TOKEN_BASE: `${fakesUrl}/google-ads`,
    LINKEDIN_API_BASE: `${fakesUrl}/linkedin`,
    LINKEDIN_OAUTH_BASE: `${fakesUrl}/linkedin`,
    SENDGRID_API_BASE: `${fakesUrl}/sendgrid`,
    SLACK_WEBHOOK_BASE: `${fakesUrl}/slack`,
    DATADOG_API_BASE: `${fakesUrl}/datadog`,
    CLOUDFLARE_API_BASE: `${fakesUrl}/cloudflare`,
  };
}

/** The Worker's whole configuration for a local run: the development secrets, the fakes, and the caller's database. */
export function developmentVars(options: {
  appEnv: 'development' | 'test';
  databaseUrl: string;
  /** `host:port` of the local WebSocket-to-TCP proxy (plain ws://, allowed outside production). */
  wsProxy: string;
  fakesUrl: string;
}): Record<string, string> {
  return {
    APP_ENV: options.appEnv,
    DATABASE_URL: options.databaseUrl,
    WS_PROXY: options.wsProxy,
    ...DEV_SECRETS,
    ...fakeServiceVars(options.fakesUrl),
  };
}
