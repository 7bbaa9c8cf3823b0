import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { META_ASYNC_AFTER_DAYS } from '../../worker/connectors/meta/sync';
import { connectedTenant, control, deliver, eventually, fakeCalls, storedFacts, syncMessage, truthFacts } from './pipeline-support';
import { closeWhenIdle, superDb } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

/** Longer than the connector's sync-request limit, so the window goes through a report job. */
const WINDOW_DAYS = META_ASYNC_AFTER_DAYS + 14;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface RunRow {
  outcome: string;
  rows: number;
  apiCalls: number;
}
const manualRuns = async (tenantId: string) =>
  rowsOf<RunRow>(
    await arranged.db.execute(
      sql`select outcome, rows, api_calls as "apiCalls" from sync_runs where tenant_id = ${tenantId} and lane = 'manual' order by started_at`,
    ),
  );

describe('Meta async report through the queue', () => {
  it('defers a long window with the report’s cursor, and the next delivery polls the same report until the rows land exactly', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'partner-b');
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    const window = { from: addDays(to, -(WINDOW_DAYS - 1)), to };
    // A big report outlasts one delivery's polling (the connector polls 10 times): 11 steps to complete.
    await control('/regimes/meta', { method: 'PUT', body: JSON.stringify({ reportRunSteps: 11 }) });
    try {
      const before = (await fakeCalls('meta', { accountId: account!.externalId })).length;
      const first = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, window.from, window.to)]);
      expect(first.explicitAcks).toHaveLength(1);
      expect(first.retryMessages).toEqual([]);
      // The first delivery stored nothing yet: it created the report, polled it, and handed back its cursor.
      expect(await manualRuns(tenant.tenantId)).toEqual([{ outcome: 'ok', rows: 0, apiCalls: 11 }]);
      const firstCalls = (await fakeCalls('meta', { accountId: account!.externalId })).slice(before);
      expect(firstCalls.filter((c) => c.method === 'POST' && c.path.endsWith('/insights'))).toHaveLength(1);
      expect(firstCalls.filter((c) => c.method === 'GET' && /^\/v\d+\.0\/\d+$/.test(c.path))).toHaveLength(10);
      expect(await storedFacts(arranged.db, account!.id, window.from, addDays(to, -3))).toEqual([]);

      // The consumer re-enqueued the message with the cursor; the queue delivers it after the continuation delay.
      const runs = await eventually(
        () => manualRuns(tenant.tenantId),
        (list) => list.length >= 2,
        90_000,
      );
      const truth = await truthFacts('meta', account!.externalId, window.from, window.to);
      expect(runs).toEqual([
        { outcome: 'ok', rows: 0, apiCalls: 11 },
        { outcome: 'ok', rows: truth.length, apiCalls: expect.any(Number) },
      ]);
      expect(await storedFacts(arranged.db, account!.id, window.from, window.to)).toEqual(truth);
      const allCalls = (await fakeCalls('meta', { accountId: account!.externalId })).slice(before);
      // Still the one report: the continuation resumed it instead of starting over.
      expect(allCalls.filter((c) => c.method === 'POST' && c.path.endsWith('/insights'))).toHaveLength(1);
      const reportPath = firstCalls.find((c) => /^\/v\d+\.0\/\d+$/.test(c.path))!.path;
      expect(allCalls.filter((c) => c.path === reportPath)).toHaveLength(12);
      expect(allCalls.filter((c) => c.path === `${reportPath}/insights`).every((c) => c.status === 200)).toBe(true);
    } finally {
      await control('/regimes/meta', { method: 'PUT', body: JSON.stringify({ reportRunSteps: null }) });
    }
  }, 180_000);
});
