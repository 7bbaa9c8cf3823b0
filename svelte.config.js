import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ config: 'wrangler.sveltekit.toml' }),
    files: {
      src: 'app',
      assets: 'app/static',
      lib: 'app/lib',
      routes: 'app/routes',
      appTemplate: 'app/app.html',
      hooks: { server: 'app/hooks.server', client: 'app/hooks.client', universal: 'app/hooks' },
    },
    alias: { $db: 'db', $worker: 'worker' },
  },
};
