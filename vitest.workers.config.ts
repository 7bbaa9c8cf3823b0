import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/** Integration tests inside workerd, against real Postgres (through the ws proxy) and the fake platforms. */
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => {
      const fakes = inject('fakesUrl');
      return {
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            APP_ENV: 'test',
            DATABASE_URL: inject('appDatabaseUrl'),
            SUPER_DATABASE_URL: inject('superDatabaseUrl'),
            WS_PROXY: inject('wsProxy'),
            FAKES_URL: fakes,
            META_API_BASE: `${fakes}/meta`,
            META_OAUTH_BASE: `${fakes}/meta`,
            GOOGLE_ADS_API_BASE: `${fakes}/google-ads`,
            GOOGLE_OAUTH_BASE: `${fakes}/google-ads`,
            GOOGLE_TOKEN_BASE: `${fakes}/google-ads`,
            LINKEDIN_API_BASE: `${fakes}/linkedin`,
            LINKEDIN_OAUTH_BASE: `${fakes}/linkedin`,
            SENDGRID_API_BASE: `${fakes}/sendgrid`,
            SLACK_WEBHOOK_BASE: `${fakes}/slack`,
            DATADOG_API_BASE: `${fakes}/datadog`,
            CLOUDFLARE_API_BASE: `${fakes}/cloudflare`,
          },
        },
      };
    }),
  ],
  test: {
    name: 'workers',
    include: ['test/integration/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // Files share one database, queue and fake platform (whose clock some tests move): run them one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
