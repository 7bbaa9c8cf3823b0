import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** `$lib` and the app's other import aliases, in one place: vitest.unit.config.ts gives the unit tests the same ones. */
export const libDir = 'app/lib';
export const aliases = { $db: 'db', $worker: 'worker' };

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ config: 'wrangler.sveltekit.toml' }),
    files: {
      src: 'app',
      assets: 'app/static',
      lib: libDir,
      routes: 'app/routes',
      appTemplate: 'app/app.html',
      hooks: { server: 'app/hooks.server', client: 'app/hooks.client', universal: 'app/hooks' },
    },
    alias: aliases,
  },
};
