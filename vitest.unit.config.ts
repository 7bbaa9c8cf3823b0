import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { aliases, libDir } from './svelte.config.js';

/** SvelteKit's import aliases (`$lib` and `kit.alias`), read from svelte.config.js so the app's tests resolve imports as the build does. */
const kitAliases = Object.fromEntries(Object.entries({ $lib: libDir, ...aliases }).map(([name, path]) => [name, resolve(path)]));

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
