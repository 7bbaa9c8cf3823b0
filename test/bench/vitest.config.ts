import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The benchmarks' own pure helpers (not benchmarks, and not part of `npm test`'s unit project). */
export default defineConfig({
  test: { name: 'bench-helpers', root: fileURLToPath(new URL('.', import.meta.url)), include: ['**/*.test.ts'], environment: 'node' },
});
