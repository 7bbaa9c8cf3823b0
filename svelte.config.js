import { resolve } from 'node:path';
import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** `$lib` and the app's other import aliases, in one place. */
export const libDir = 'app/lib';
export const aliases = { $db: 'db', $worker: 'worker' };
/** The same aliases as absolute paths, for vitest (the unit and e2e tests import the app's pure modules). */
export const kitAliases = Object.fromEntries(Object.entries({ $lib: libDir, ...aliases }).map(([name, path]) => [name, resolve(path)]));

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
    // Stylesheets under 8 KB go inline into the page's <head>: a dashboard has a dozen small ones,
    // each a render-blocking round trip on a phone network before the first paint.
    inlineStyleThreshold: 8192,
    // Pages' Content-Security-Policy (other responses get theirs in worker/security-headers.ts). SvelteKit
    // puts a fresh nonce on its own inline scripts; styles allow 'unsafe-inline' because Svelte's style
    // attributes (chart heights, the tenant's brand colours) are inline. Logos and favicons are the kept copies on our own origin (/api/brand/…).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self', 'data:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
