import { defineConfig } from 'vitest/config';

/** `npm test` runs every project: Node unit tests, workerd integration, browser end-to-end. */
export default defineConfig({
  test: {
    projects: ['./vitest.unit.config.ts', './vitest.workers.config.ts', './vitest.e2e.config.ts'],
  },
});
