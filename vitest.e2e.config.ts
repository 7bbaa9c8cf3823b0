import { defineConfig } from 'vitest/config';
import { kitAliases } from './svelte.config.js';

/** End-to-end: Debian chromium (playwright-core) against `wrangler dev` on the full local stack. */
export default defineConfig({
  resolve: { alias: kitAliases },
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
