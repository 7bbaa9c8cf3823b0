import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { getServerByName } from 'partyserver';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { META_ASYNC_AFTER_DAYS, META_REPORT_POLL_DELAY_MS } from '../../worker/connectors/meta/sync';
import type { BudgetRow } from '../../worker/realtime/budget-store';
import { connectedTenant, control, deliver, eventually, fakeCalls, storedFacts, syncMessage, truthFacts } from './pipeline-support';
import { closeWhenIdle, superDb } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

/** Longer than the connector's sync-request limit, so the window goes through a report job. */
const WINDOW_DAYS = META_ASYNC_AFTER_DAYS + 14;
/** Steps the fake's report job takes: one per poll (or per 10 s of fake time); the poll after the last sees it done. */
const REPORT_STEPS = 3;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface RunRow {
  outcome: string;
  rows: number;
  apiCalls: number;
  continues: boolean;
}
const manualRuns = async (tenantId: string) =>
  rowsOf<RunRow>(
    await arranged.db.execute(
      sql`select outcome, rows, api_calls as "apiCalls", continues from sync_runs where tenant_id = ${tenantId} and lane = 'manual' and outcome is distinct from 'deferred' order by started_at`,
    ),
  );

describe('Meta async report through the queue', () => {
  it('creates the report and defers with its cursor, then each delayed delivery polls the same report once until the rows land exactly', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'partner-b');
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    const window = { from: addDays(to, -(WINDOW_DAYS - 1)), to };
    // A report that needs several polls (the fake's clock also moves it on while the message waits).
    await control('/regimes/meta', { method: 'PUT', body: JSON.stringify({ reportRunSteps: REPORT_STEPS }) });
    try {
      const before = (await fakeCalls('meta', { accountId: account!.externalId })).length;
      const started = Date.now();
      const first = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, window.from, window.to)]);
      expect(first.explicitAcks).toHaveLength(1);
      expect(first.retryMessages).toEqual([]);
      // The first delivery created the report and handed back its cursor at once: no poll, no sleep.
      expect(Date.now() - started).toBeLessThan(META_REPORT_POLL_DELAY_MS);
      // The run is ok but leaves its window to a continuation: the window is not done yet.
      expect(await manualRuns(tenant.tenantId)).toEqual([{ outcome: 'ok', rows: 0, apiCalls: 1, continues: true }]);
      const firstCalls = (await fakeCalls('meta', { accountId: account!.externalId })).slice(before);
      expect(firstCalls.map((c) => c.method)).toEqual(['POST']);
      expect(firstCalls[0]!.path).toMatch(/\/insights$/);
      expect(await storedFacts(arranged.db, account!.id, window.from, addDays(to, -3))).toEqual([]);

      // The consumer re-enqueued the message with the cursor and the connector's short delay.
      const runs = await eventually(
        () => manualRuns(tenant.tenantId),
        (list) => list.some((run) => run.rows > 0),
        90_000,
      );
      const truth = await truthFacts('meta', account!.externalId, window.from, window.to);
      const polls = runs.length - 1;
      expect(polls).toBeGreaterThanOrEqual(1);
      expect(polls).toBeLessThanOrEqual(REPORT_STEPS + 1);
      // Every delivery in between polled once and deferred again; the last one polled and read the rows.
      expect(runs.slice(0, -1)).toEqual(Array.from({ length: polls }, () => ({ outcome: 'ok', rows: 0, apiCalls: 1, continues: true })));
      expect(runs.at(-1)).toEqual({ outcome: 'ok', rows: truth.length, apiCalls: expect.any(Number), continues: false });
      expect(await storedFacts(arranged.db, account!.id, window.from, window.to)).toEqual(truth);
      const allCalls = (await fakeCalls('meta', { accountId: account!.externalId })).slice(before);
      // Still the one report: each continuation resumed it instead of starting over.
      expect(allCalls.filter((c) => c.method === 'POST' && c.path.endsWith('/insights'))).toHaveLength(1);
      const reportPaths = new Set(allCalls.filter((c) => /^\/v\d+\.0\/\d+$/.test(c.path)).map((c) => c.path));
      expect(reportPaths.size).toBe(1);
      const [reportPath] = [...reportPaths];
      expect(allCalls.filter((c) => c.path === reportPath)).toHaveLength(polls);
      expect(allCalls.filter((c) => c.path === `${reportPath}/insights`).every((c) => c.status === 200)).toBe(true);
    } finally {
      await control('/regimes/meta', { method: 'PUT', body: JSON.stringify({ reportRunSteps: null }) });
    }
  }, 120_000);

  it('gives back the entity reads a delivery reserved but did not make while the report runs, so polls do not drain ads_management', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'partner-b', { ip: '198.51.100.193' });
    const [account] = tenant.accounts;
    const { to } = account!.backfillState as { to: string };
    const key = `${account!.id}:ads_management`;
    const hub = await getServerByName(env.TenantHub, tenant.tenantId);
    const tokens = async () => {
      const row = ((await hub.budgets(Date.now())) as unknown as BudgetRow[]).find((r) => r.key === key);
      return (row?.bucket as { tokens: number } | undefined)?.tokens;
    };
    const before = await tokens();
    expect(before, 'the backfill spent from this budget').toBeDefined();
    // Creates the report and hands back its cursor: no entity call, so none of the three reserved may stay spent.
    await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, addDays(to, -(WINDOW_DAYS - 1)), to)]);
    expect(await manualRuns(tenant.tenantId)).toEqual([{ outcome: 'ok', rows: 0, apiCalls: 1, continues: true }]);
    expect(await tokens()).toBeGreaterThanOrEqual(before!);
  });
});
