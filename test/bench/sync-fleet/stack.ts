/**
 * The fleet benchmark's own stack: embedded Postgres, the WebSocket proxy, the fakes (one for the
 * pipeline, one frozen twin for the naive connector) and `wrangler dev --test-scheduled`, all on
 * one time scale. Everything started is stopped by stop(), newest first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoleUrl, ensureAppRole, migrateDatabase } from '../../../db/migrate';
import { developmentVars } from '../../../dev/dev-vars';
import type { FakeServer } from '../../../dev/fakes/server';
import { startFakes } from '../../../dev/fakes/testing';
import type { FleetSpec } from '../../../dev/fakes/world/accounts';
import { startEmbeddedPostgres } from '../../../dev/postgres/embedded';
import { findFreePort } from '../../../dev/postgres/free-port';
import { startWsProxy } from '../../../dev/postgres/ws-proxy';
import { startWranglerDev } from '../../../dev/wrangler-dev';
import type { TimeScale } from '../../../worker/lib/clock';

const APP_PASSWORD = 'bench-app-password';
export const FAKES_SEED = 42;

export interface FleetStack {
  superDatabaseUrl: string;
  appUrl: string;
  fakes: FakeServer;
  /** The same world on a frozen clock, for the naive connector (its calls never touch the pipeline's regimes). */
  naiveFakes: FakeServer;
  stop(): Promise<void>;
}

export async function startFleetStack(options: {
  scale: TimeScale;
  fleet: FleetSpec;
  /** Extra Worker variables (the app-wide quotas of the regime). */
  vars: Record<string, string>;
  log: (line: string) => void;
  /** Sees every line wrangler prints (the driver reads the local queue's batch lines from it). */
  onWranglerLine?: (line: string) => void;
  /** Registers a stop with the caller as soon as it exists, so Ctrl-C during startup stops it too. */
  onStop: (name: string, stop: () => Promise<unknown>) => void;
}): Promise<Omit<FleetStack, 'stop'>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tidemark-bench-sync-'));
  options.onStop('temporary data', () => rm(dataDir, { recursive: true, force: true }));
  const pgPort = await findFreePort();
  options.log(`embedded Postgres on 127.0.0.1:${pgPort}`);
  const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: pgPort, persistent: false });
  options.onStop('embedded Postgres', () => pg.stop());
  await migrateDatabase(pg.url);
  await ensureAppRole(pg.url, APP_PASSWORD);
  const proxy = await startWsProxy({ port: await findFreePort(), allowedTargets: [`127.0.0.1:${pgPort}`, `localhost:${pgPort}`] });
  options.onStop('ws proxy', () => proxy.close());

  const world = {
    seed: FAKES_SEED,
    now: new Date(options.scale.simEpochMs),
    speed: options.scale.speed,
    realAnchorMs: options.scale.realAnchorMs,
    fleet: options.fleet,
  };
  // Both worlds are built now, on the same anchor date, so they hold the same entities.
  const fakes = await startFakes(world);
  options.onStop('fakes', () => fakes.close());
  const naiveFakes = await startFakes(world);
  options.onStop('naive fakes', () => naiveFakes.close());
  naiveFakes.ctx.world.clock.setSpeed(0);

  const port = await findFreePort();
  options.log(`wrangler dev --test-scheduled on 127.0.0.1:${port}`);
  const wrangler = await startWranglerDev({
    port,
    testScheduled: true,
    persistTo: join(dataDir, 'wrangler'),
    vars: {
      ...developmentVars({
        appEnv: 'development',
        databaseUrl: appRoleUrl(pg.url, APP_PASSWORD),
        wsProxy: proxy.url,
        fakesUrl: fakes.url,
        timeScale: options.scale,
      }),
      ...options.vars,
    },
    log: (line) => {
      options.onWranglerLine?.(line);
      if (/✘|uncaught|exception/i.test(line) && !line.includes('db-idle-connection-lost')) options.log(`[wrangler] ${line}`);
    },
  });
  options.onStop('wrangler dev', () => wrangler.stop());
  return { superDatabaseUrl: pg.url, appUrl: wrangler.url, fakes, naiveFakes };
}
