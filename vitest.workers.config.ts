import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { fakeServiceVars } from './test/stack';

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
            ...fakeServiceVars(fakes),
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
