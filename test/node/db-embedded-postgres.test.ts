import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../dev/postgres/embedded';
import { findFreePort } from '../../dev/postgres/free-port';
import { parsePostmasterPid } from '../../dev/postgres/stale-postmaster';

const dataDir = join(tmpdir(), `tidemark-test-pg-${randomUUID()}`);
const cleanups: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function queryOnce(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Starts persistent Postgres in a child Node process and SIGKILLs that process, as a crashed `npm run dev` would. */
async function startAndKillOwner(port: number): Promise<number> {
  const module = resolve('dev/postgres/embedded.ts');
  const code = `const { startEmbeddedPostgres } = await import(${JSON.stringify(module)});
    const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true });
    const { default: Pg } = await import('pg');
    const c = new Pg.Client(pg.url); await c.connect();
    await c.query('create table survivor (note text)'); await c.query("insert into survivor values ('kept')"); await c.end();
    console.log('READY'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => child.kill('SIGKILL'));
  await new Promise<void>((resolveReady, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('READY')) resolveReady();
    });
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${output}`)));
  });
  child.removeAllListeners('exit');
  const postmaster = parsePostmasterPid(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8'))!;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return postmaster;
}

describe('startEmbeddedPostgres', () => {
  it('stops a postmaster orphaned by a killed run and reuses the initialised data directory', async () => {
    const port = await findFreePort();
    const orphan = await startAndKillOwner(port);
    expect(isAlive(orphan)).toBe(true);

    const postgres = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    cleanups.push(() => postgres.stop());
    expect(isAlive(orphan)).toBe(false);
    expect(await queryOnce(postgres.url, 'select note from survivor')).toEqual([{ note: 'kept' }]);

    const current = parsePostmasterPid(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8'))!;
    await postgres.stop();
    expect(isAlive(current)).toBe(false);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  });

  it('wipes a non-persistent data directory on stop', async () => {
    const throwaway = join(tmpdir(), `tidemark-test-pg-${randomUUID()}`);
    const postgres = await startEmbeddedPostgres({ dataDir: throwaway, port: await findFreePort(), persistent: false });
    cleanups.push(() => postgres.stop());
    expect(await queryOnce(postgres.url, `select current_setting('listen_addresses') as listen`)).toEqual([{ listen: '127.0.0.1' }]);
    await postgres.stop();
    expect(existsSync(throwaway)).toBe(false);
  });
});
