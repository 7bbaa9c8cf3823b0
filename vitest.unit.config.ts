import { defineConfig } from 'vitest/config';

/** Node-side tests: pure logic beside the code, the fake platforms, db migrations and RLS against real Postgres. */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['worker/**/*.test.ts', 'db/**/*.test.ts', 'dev/**/*.test.ts', 'test/node/**/*.test.ts', 'test/bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
