import { defineConfig } from 'vitest/config';
import { kitAliases } from './svelte.config.js';

/** Node-side tests: pure logic beside the code (worker, app), the fake platforms, db migrations and RLS against real Postgres. */
export default defineConfig({
  resolve: { alias: kitAliases },
  test: {
    name: 'unit',
    include: [
      'worker/**/*.test.ts',
      'app/**/*.test.ts',
      'db/**/*.test.ts',
      'dev/**/*.test.ts',
      'test/node/**/*.test.ts',
      'test/bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
