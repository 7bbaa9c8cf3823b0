import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { developmentVars } from './dev/dev-vars';
import { testTimeScale } from './test/stack';

/** Integration tests inside workerd, against real Postgres (through the ws proxy) and the fake platforms. */
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => {
      const fakes = inject('fakesUrl');
      return {
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // wrangler.toml holds no configuration values: the Worker's whole test configuration is here.
          bindings: {
            ...developmentVars({
              appEnv: 'test',
              databaseUrl: inject('appDatabaseUrl'),
              wsProxy: inject('wsProxy'),
              fakesUrl: fakes,
              timeScale: testTimeScale(),
            }),
            SUPER_DATABASE_URL: inject('superDatabaseUrl'),
            FAKES_URL: fakes,
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
    // The Worker's logs go straight to workerd's stdout instead of through vitest's RPC: a log
    // written while an isolate is torn down (a socket closing after its test) can no longer fail
    // or stall the run ("Closing rpc while onUserConsoleLog was pending").
    disableConsoleIntercept: true,
  },
});
