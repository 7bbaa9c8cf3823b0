import { neonConfig } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { createDb, withTenant } from '../../db/client';
import { rowsOf } from '../../db/database';
import { getOverviewKpis } from '../../db/queries/dashboard';
import { createTestAdAccount, createTestTenant, insertTestStats, makeTestStatRows } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { findFreePort } from '../../dev/postgres/free-port';
import { type RunningWsProxy, startWsProxy } from '../../dev/postgres/ws-proxy';

let testDb: TestDatabase;
let proxy: RunningWsProxy;
let postgresAddress: string;

beforeAll(async () => {
  // Node 20 has no global WebSocket; workerd does.
  neonConfig.webSocketConstructor = ws;
  testDb = await startTestDatabase();
  postgresAddress = new URL(testDb.superuserUrl).host;
  proxy = await startWsProxy({ port: await findFreePort(), allowedTargets: [postgresAddress] });
});
afterAll(async () => {
  await proxy?.close();
  await testDb?.stop();
});

/** Status of the HTTP answer to a WebSocket upgrade at `path`, or 101 when it opened. */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new ws(`ws://${proxy.url}${path}`);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
  });
}

describe('ws proxy in front of embedded Postgres', () => {
  it('carries the neon driver as the app role, with row-level security applied', async () => {
    const tenant = await createTestTenant(testDb.db);
    const account = await createTestAdAccount(testDb.db, tenant.id);
    await insertTestStats(testDb.db, tenant.id, account.id, makeTestStatRows({ from: '2026-11-01', days: 3 }));

    const { db, close } = createDb({ databaseUrl: testDb.appUrl, wsProxy: proxy.url });
    try {
      const [who] = rowsOf<{ user: string }>(await db.execute(sql`select current_user as user`));
      expect(who?.user).toBe('tidemark_app');
      const kpis = await withTenant(db, tenant.id, (tx) => getOverviewKpis(tx, { from: '2026-11-01', to: '2026-11-03' }));
      expect(kpis).toHaveLength(1);
      expect(kpis[0]!.spendMicros).toBeGreaterThan(0);
      const unscoped = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from account_daily`));
      expect(unscoped).toEqual([{ n: 0 }]);
      const scoped = await withTenant(db, tenant.id, (tx) => tx.db.execute(sql`select count(*)::int as n from account_daily`));
      expect(rowsOf(scoped)).toEqual([{ n: 3 }]);
    } finally {
      await close();
    }
  });

  it('runs concurrent queries over several pooled connections', async () => {
    const { db, close } = createDb({ databaseUrl: testDb.appUrl, wsProxy: proxy.url });
    try {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => db.execute(sql`select ${i}::int as i, pg_sleep(0.05)::text`)));
      expect(results.map((r) => rowsOf<{ i: number }>(r)[0]!.i)).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await close();
    }
  });

  it('refuses any address that is not an allowed target, so it is never an open proxy', async () => {
    const [host, port] = postgresAddress.split(':');
    expect(await upgradeStatus(`/v1?address=${host}:${Number(port) + 1}`)).toBe(403);
    expect(await upgradeStatus('/v1?address=10.0.0.1:5432')).toBe(403);
    expect(await upgradeStatus('/v1')).toBe(400);
    expect(await upgradeStatus(`/v1?address=${postgresAddress}`)).toBe(101);
  });

  it('listens on 127.0.0.1 only', () => {
    expect(proxy.url).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});
