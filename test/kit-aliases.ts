import { resolve } from 'node:path';
import { aliases, libDir } from '../svelte.config.js';

/** SvelteKit's import aliases (`$lib` and `kit.alias`), read from svelte.config.js so tests resolve the app's imports as the build does. */
export const kitAliases = Object.fromEntries(Object.entries({ $lib: libDir, ...aliases }).map(([name, path]) => [name, resolve(path)]));
