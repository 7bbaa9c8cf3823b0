import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoleUrl, ensureAppRole, migrateDatabase } from '../db/migrate';
import { startFakes } from '../dev/fakes/testing';
import { startEmbeddedPostgres } from '../dev/postgres/embedded';
import { findFreePort as freePort } from '../dev/postgres/free-port';
import { startWsProxy } from '../dev/postgres/ws-proxy';

/** Password of the application role in throwaway test databases. */
const TEST_APP_PASSWORD = 'test-app-password';

/** The fake world's clock for tests: fixed, so dates in assertions are stable. */
export const TEST_NOW = new Date('2026-11-29T15:00:00Z');

/**
 * The Worker's clock in tests starts at the fakes' instant and runs at real speed, so the windows
 * it plans (backfills, hot lane, ranges) are the days the fakes have data for, whatever the real date.
 */
export function testTimeScale(realAnchorMs = Date.now()) {
  return { simEpochMs: TEST_NOW.getTime(), realAnchorMs, speed: 1 };
}

export interface TestStack {
  superDatabaseUrl: string;
  appDatabaseUrl: string;
  wsProxy: string;
  fakesUrl: string;
  stop(): Promise<void>;
}

/**
 * Real parts for a test run: embedded Postgres (migrated, with the app role), the
 * WebSocket-to-TCP proxy the neon driver needs, and the fake ad platforms.
 */
export async function startTestStack(): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tidemark-pg-'));
  const pgPort = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: false });
  const stops: Array<() => Promise<unknown>> = [async () => pg.stop(), () => rm(dataDir, { recursive: true, force: true })];
  try {
    await migrateDatabase(pg.url);
    await ensureAppRole(pg.url, TEST_APP_PASSWORD);
    const proxy = await startWsProxy({ port: await freePort(), allowedTargets: [`127.0.0.1:${pgPort}`, `localhost:${pgPort}`] });
    stops.unshift(() => proxy.close());
    const fakes = await startFakes({ seed: 7, now: TEST_NOW, speed: 0 });
    // The fakes' clock is frozen here, so Google's per-second window would never reopen: every call
    // of a whole run would count as one second. test/integration/clock.test.ts puts a real limit back
    // and moves the clock itself.
    fakes.ctx.regimes.google_ads.qpsPerCustomer = 1_000_000;
    stops.unshift(() => fakes.close());
    return {
      superDatabaseUrl: pg.url,
      appDatabaseUrl: appRoleUrl(pg.url, TEST_APP_PASSWORD),
      wsProxy: proxy.url,
      fakesUrl: fakes.url,
      stop: async () => {
        for (const stop of stops) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}
