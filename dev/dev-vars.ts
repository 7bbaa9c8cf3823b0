/**
 * The Worker's development and test configuration, in one place. wrangler.toml holds none of it:
 * `npm run dev` and the e2e setup pass these to `wrangler dev` as `--var`s, the workerd test
 * project as miniflare bindings, and worker/env.ts refuses every secret below in production.
 *
 * The secrets themselves live in worker/development-values.ts, which the Worker bundles for that refusal.
 */

import { DEV_APP_PASSWORD, DEV_CUSTOM_DOMAINS, DEV_SECRETS } from '../worker/development-values';
import { formatTimeScale, type TimeScale } from '../worker/lib/clock';

export { DEV_APP_PASSWORD, DEV_SECRETS };

/** Fixed local ports of `npm run dev`. */
export const DEV_PORTS = { app: 8787, fakes: 8790, postgres: 5488, wsProxy: 5480 } as const;

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
    DATADOG_LOGS_BASE: `${fakesUrl}/datadog`,
    DATADOG_TRACE_BASE: `${fakesUrl}/datadog`,
    CLOUDFLARE_API_BASE: `${fakesUrl}/cloudflare`,
    FX_RATES_BASE: `${fakesUrl}/fx-rates/v1`,
    // Logos and favicons are fetched through the fake public web (refused in production).
    BRAND_ASSET_FETCH_PROXY: `${fakesUrl}/public-web`,
  };
}

/** The Worker's whole configuration for a local run: the development secrets, the fakes, and the caller's database. */
export function developmentVars(options: {
  appEnv: 'development' | 'test';
  databaseUrl: string;
  /** `host:port` of the local WebSocket-to-TCP proxy (plain ws://, allowed outside production). */
  wsProxy: string;
  fakesUrl: string;
  /** Compressed time shared with the fakes (worker/lib/clock.ts); real time when omitted. */
  timeScale?: TimeScale;
}): Record<string, string> {
  return {
    APP_ENV: options.appEnv,
    DATABASE_URL: options.databaseUrl,
    WS_PROXY: options.wsProxy,
    ...DEV_SECRETS,
    ...DEV_CUSTOM_DOMAINS,
    ...fakeServiceVars(options.fakesUrl),
    ...(options.timeScale ? { TIME_SCALE: formatTimeScale(options.timeScale) } : {}),
  };
}
