import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/database';
import { listAdAccountStatus } from '../../db/queries/connections';
import { recordSyncRun } from '../../db/queries/sync';
import { createTestAdAccount, createTestTenant } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await startTestDatabase();
});
afterAll(async () => {
  await testDb?.stop();
});

const REQUESTED = new Date('2026-11-20T10:00:00Z');
const WINDOWS = [
  { windowFrom: '2026-10-22', windowTo: '2026-11-05' },
  { windowFrom: '2026-11-06', windowTo: '2026-11-19' },
];

describe('backfill progress', () => {
  it('counts a window only once a run finished it: a run that left a continuation (a Meta report still running) does not', async () => {
    const tenant = await createTestTenant(testDb.db);
    const account = await createTestAdAccount(testDb.db, tenant.id, {
      backfillState: { requestedAt: REQUESTED.toISOString(), windowsTotal: 2, from: '2026-10-22', to: '2026-11-19' },
    });
    const progress = () => withTenant(testDb.appDb, tenant.id, async (tx) => (await listAdAccountStatus(tx, account.id))[0]?.backfill);
    const run = (window: (typeof WINDOWS)[number], minutes: number, rows: number, continues: boolean) =>
      withTenant(testDb.appDb, tenant.id, (tx) =>
        recordSyncRun(tx, {
          adAccountId: account.id,
          lane: 'backfill',
          ...window,
          startedAt: new Date(REQUESTED.getTime() + minutes * 60_000),
          finishedAt: new Date(REQUESTED.getTime() + minutes * 60_000 + 1_000),
          outcome: 'ok',
          apiCalls: 1,
          rows,
          error: null,
          continues,
        }),
      );

    await run(WINDOWS[0]!, 1, 120, false);
    // The second window's first run only started the platform's report, and so did its first poll.
    await run(WINDOWS[1]!, 2, 0, true);
    await run(WINDOWS[1]!, 3, 0, true);
    expect(await progress()).toMatchObject({ windowsDone: 1, windowsTotal: 2, rows: 120 });

    await run(WINDOWS[1]!, 4, 95, false);
    expect(await progress()).toMatchObject({ windowsDone: 2, windowsTotal: 2, rows: 215 });
  });
});
