import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf, type TenantTx, withTenant } from '../../db/database';
import { bumpDataVersion, type HourlyStatRow, rebuildRollups, upsertDailyStats, upsertHourlyStats } from '../../db/queries/ingest';
import { createTestAdAccount, createTestTenant, makeTestStatRows } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await startTestDatabase();
});
afterAll(async () => {
  await testDb?.stop();
});

async function newAccount(currency = 'USD') {
  const tenant = await createTestTenant(testDb.db);
  const account = await createTestAdAccount(testDb.db, tenant.id, { currency });
  return { tenantId: tenant.id, adAccountId: account.id };
}

/** The superuser (who bypasses row-level security) arranging data inside one tenant's scope. */
const asTenant = <T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>) => withTenant(testDb.db, tenantId, fn);

async function dump(db: Database, table: string, tenantId: string): Promise<unknown[]> {
  return rowsOf(await db.execute(sql`select * from ${sql.identifier(table)} where tenant_id = ${tenantId} order by 1, 2, 3, 4, 5`));
}

/** The rollups as they should be: a plain GROUP BY over the facts. */
async function expectedRollups(tenantId: string) {
  const campaign = rowsOf(
    await testDb.db.execute(sql`
    select f.ad_account_id, f.campaign_id, f.date::text, a.currency, sum(impressions)::bigint::text as impressions,
           sum(clicks)::bigint::text as clicks, sum(spend_micros)::bigint::text as spend, sum(conversions)::text as conversions,
           sum(conversion_value_micros)::bigint::text as value
    from ad_stats_daily f join ad_accounts a on a.id = f.ad_account_id
    where f.tenant_id = ${tenantId} group by 1, 2, 3, 4 order by 1, 2, 3`),
  );
  const account = rowsOf(
    await testDb.db.execute(sql`
    select f.ad_account_id, f.date::text, a.currency, sum(impressions)::bigint::text as impressions,
           sum(clicks)::bigint::text as clicks, sum(spend_micros)::bigint::text as spend, sum(conversions)::text as conversions,
           sum(conversion_value_micros)::bigint::text as value
    from ad_stats_daily f join ad_accounts a on a.id = f.ad_account_id
    where f.tenant_id = ${tenantId} group by 1, 2, 3 order by 1, 2`),
  );
  return { campaign, account };
}

async function actualRollups(tenantId: string) {
  const campaign = rowsOf(
    await testDb.db.execute(sql`
    select ad_account_id, campaign_id, date::text, currency, impressions::text, clicks::text, spend_micros::text as spend,
           conversions::text, conversion_value_micros::text as value
    from campaign_daily where tenant_id = ${tenantId} order by 1, 2, 3`),
  );
  const account = rowsOf(
    await testDb.db.execute(sql`
    select ad_account_id, date::text, currency, impressions::text, clicks::text, spend_micros::text as spend,
           conversions::text, conversion_value_micros::text as value
    from account_daily where tenant_id = ${tenantId} order by 1, 2`),
  );
  return { campaign, account };
}

describe('upsertDailyStats', () => {
  it('leaves identical tables when the same rows are upserted twice', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const rows = makeTestStatRows({ from: '2026-10-01', days: 10 });
    expect(await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, rows))).toBe(rows.length);
    const first = await dump(testDb.db, 'ad_stats_daily', tenantId);
    expect(first).toHaveLength(rows.length);
    expect(await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, rows))).toBe(0);
    expect(await dump(testDb.db, 'ad_stats_daily', tenantId)).toEqual(first);
  });

  it('updates a restated row and only that row', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const rows = makeTestStatRows({ from: '2026-10-01', days: 3 });
    await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, rows));
    const restated = rows.map((r, i) => (i === 4 ? { ...r, conversions: r.conversions + 2.5, spendMicros: r.spendMicros + 10_000 } : r));
    expect(await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, restated))).toBe(1);
    const [row] = rowsOf<{ conversions: string; spend_micros: string }>(
      await testDb.db.execute(sql`
      select conversions::text, spend_micros::text from ad_stats_daily
      where tenant_id = ${tenantId} and ad_id = ${rows[4]!.adId} and date = ${rows[4]!.date}`),
    );
    expect(Number(row!.conversions)).toBeCloseTo(rows[4]!.conversions + 2.5, 6);
    expect(Number(row!.spend_micros)).toBe(rows[4]!.spendMicros + 10_000);
  });

  it('keeps the last of duplicate rows within one call', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const [row] = makeTestStatRows({ from: '2026-10-01', days: 1, ads: 1 });
    await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, [row!, { ...row!, clicks: 4242 }]));
    const stored = rowsOf<{ clicks: string }>(
      await testDb.db.execute(sql`select clicks::text from ad_stats_daily where tenant_id = ${tenantId}`),
    );
    expect(stored).toEqual([{ clicks: '4242' }]);
  });

  it('writes more rows than one batch holds', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const rows = makeTestStatRows({ from: '2025-01-01', days: 250, ads: 10 });
    expect(rows.length).toBeGreaterThan(2000);
    expect(await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, rows))).toBe(rows.length);
    const [count] = rowsOf<{ n: number }>(
      await testDb.db.execute(sql`select count(*)::int as n from ad_stats_daily where tenant_id = ${tenantId}`),
    );
    expect(count!.n).toBe(rows.length);
  });
});

describe('upsertHourlyStats', () => {
  const hours = (rows: ReturnType<typeof makeTestStatRows>, count: number): HourlyStatRow[] =>
    rows.flatMap((row) => Array.from({ length: count }, (_, hour) => ({ ...row, hour, clicks: row.clicks + hour })));

  it('writes each (ad, date, hour) once and rewrites nothing on a replay', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const rows = hours(makeTestStatRows({ from: '2026-11-29', days: 1, ads: 3 }), 16);
    expect(await asTenant(tenantId, (tx) => upsertHourlyStats(tx, adAccountId, rows))).toBe(48);
    const first = await dump(testDb.db, 'ad_stats_hourly', tenantId);
    expect(first).toHaveLength(48);
    expect(await asTenant(tenantId, (tx) => upsertHourlyStats(tx, adAccountId, rows))).toBe(0);
    expect(await dump(testDb.db, 'ad_stats_hourly', tenantId)).toEqual(first);
  });

  it('updates only the hour that changed, and keeps the last of duplicate rows', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const rows = hours(makeTestStatRows({ from: '2026-11-29', days: 1, ads: 1 }), 4);
    await asTenant(tenantId, (tx) => upsertHourlyStats(tx, adAccountId, rows));
    const later = rows.map((r) => (r.hour === 2 ? { ...r, spendMicros: r.spendMicros + 5 } : r));
    expect(await asTenant(tenantId, (tx) => upsertHourlyStats(tx, adAccountId, [...later, { ...later[3]!, impressions: 777 }]))).toBe(2);
    const stored = rowsOf<{ hour: number; spend: string; impressions: string }>(
      await testDb.db.execute(
        sql`select hour, spend_micros::text as spend, impressions::text from ad_stats_hourly where tenant_id = ${tenantId} order by hour`,
      ),
    );
    expect(stored.map((r) => [r.hour, Number(r.spend), Number(r.impressions)])).toEqual(
      later.map((r) => [r.hour, r.spendMicros, r.hour === 3 ? 777 : r.impressions]),
    );
  });
});

describe('rebuildRollups', () => {
  it('makes campaign_daily and account_daily equal a GROUP BY over the facts', async () => {
    const { tenantId, adAccountId } = await newAccount('EUR');
    const second = await createTestAdAccount(testDb.db, tenantId, { currency: 'GBP', platform: 'linkedin' });
    await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, makeTestStatRows({ from: '2026-09-25', days: 14, ads: 4 })));
    await asTenant(tenantId, (tx) => upsertDailyStats(tx, second.id, makeTestStatRows({ from: '2026-09-28', days: 7, ads: 2, scale: 3 })));
    await asTenant(tenantId, (tx) => rebuildRollups(tx, adAccountId, '2026-09-25', '2026-10-08'));
    await asTenant(tenantId, (tx) => rebuildRollups(tx, second.id, '2026-09-28', '2026-10-04'));
    const actual = await actualRollups(tenantId);
    expect(actual.campaign.length).toBe(14 * 2 + 7 * 2);
    expect(actual).toEqual(await expectedRollups(tenantId));
  });

  it('touches only the requested window, and picks up restated facts inside it', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const rows = makeTestStatRows({ from: '2026-10-01', days: 10 });
    await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, rows));
    await asTenant(tenantId, (tx) => rebuildRollups(tx, adAccountId, '2026-10-01', '2026-10-10'));

    const doubled = rows.map((r) => ({ ...r, clicks: r.clicks * 2 }));
    await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, doubled));
    await asTenant(tenantId, (tx) => rebuildRollups(tx, adAccountId, '2026-10-09', '2026-10-10'));

    const clicksByDate = Object.fromEntries(
      rowsOf<{ date: string; clicks: string }>(
        await testDb.db.execute(sql`
        select date::text, clicks::text from account_daily where tenant_id = ${tenantId} order by date`),
      ).map((r) => [r.date, Number(r.clicks)]),
    );
    const clicksOn = (date: string, source: typeof rows) => source.filter((r) => r.date === date).reduce((sum, r) => sum + r.clicks, 0);
    expect(clicksByDate['2026-10-08']).toBe(clicksOn('2026-10-08', rows));
    expect(clicksByDate['2026-10-09']).toBe(clicksOn('2026-10-09', doubled));
    expect(clicksByDate['2026-10-10']).toBe(clicksOn('2026-10-10', doubled));
  });

  it('removes rollup rows whose facts are gone', async () => {
    const { tenantId, adAccountId } = await newAccount();
    await asTenant(tenantId, (tx) => upsertDailyStats(tx, adAccountId, makeTestStatRows({ from: '2026-10-01', days: 2 })));
    await asTenant(tenantId, (tx) => rebuildRollups(tx, adAccountId, '2026-10-01', '2026-10-02'));
    await testDb.db.execute(sql`delete from ad_stats_daily where tenant_id = ${tenantId} and date = '2026-10-02'`);
    await asTenant(tenantId, (tx) => rebuildRollups(tx, adAccountId, '2026-10-01', '2026-10-02'));
    const dates = rowsOf<{ date: string }>(
      await testDb.db.execute(sql`select date::text from account_daily where tenant_id = ${tenantId}`),
    );
    expect(dates).toEqual([{ date: '2026-10-01' }]);
  });
});

describe('a sync transaction as the application role', () => {
  it('upserts, rebuilds and bumps the data version under row-level security', async () => {
    const { tenantId, adAccountId } = await newAccount();
    const rows = makeTestStatRows({ from: '2026-11-01', days: 5 });
    const version = await withTenant(testDb.appDb, tenantId, async (tx) => {
      await upsertDailyStats(tx, adAccountId, rows);
      await rebuildRollups(tx, adAccountId, '2026-11-01', '2026-11-05');
      return bumpDataVersion(tx);
    });
    expect(version).toBe(1);
    expect(await withTenant(testDb.appDb, tenantId, (tx) => bumpDataVersion(tx))).toBe(2);
    expect(await actualRollups(tenantId)).toEqual(await expectedRollups(tenantId));
    expect((await actualRollups(tenantId)).account).toHaveLength(5);
  });

  it('cannot write facts for another tenant even when passed its ids', async () => {
    const mine = await newAccount();
    const theirs = await newAccount();
    // The types make this impossible (a TenantTx carries its own tenant), so the test forges a scope
    // whose id disagrees with the transaction's RLS setting: row-level security is the second wall.
    const attempt = withTenant(testDb.appDb, mine.tenantId, (tx) =>
      upsertDailyStats(
        { tenantId: theirs.tenantId, db: tx.db } as unknown as TenantTx,
        theirs.adAccountId,
        makeTestStatRows({ from: '2026-11-01', days: 1 }),
      ),
    );
    await expect(attempt).rejects.toSatisfy((error: Error & { cause?: Error }) =>
      /new row violates row-level security policy for table "ad_stats_daily"/.test(`${error.message} ${error.cause?.message}`),
    );
    expect(await dump(testDb.db, 'ad_stats_daily', theirs.tenantId)).toEqual([]);
  });
});

describe('two sync transactions for one ad account at once', () => {
  /** Resolves once some backend of the app role is waiting on a lock (the second writer is queued behind the first). */
  async function untilAWriterWaits(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const waiting = rowsOf(
        await testDb.db.execute(sql`select 1 from pg_stat_activity where usename <> current_user and wait_event_type = 'Lock'`),
      );
      if (waiting.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the second transaction never waited on a lock');
  }

  it('rebuild overlapping windows without a primary-key violation, and the rollups equal the facts', async () => {
    const { tenantId, adAccountId } = await newAccount();
    await asTenant(tenantId, async (tx) => {
      await upsertDailyStats(tx, adAccountId, makeTestStatRows({ from: '2026-11-01', days: 7 }));
      await rebuildRollups(tx, adAccountId, '2026-11-01', '2026-11-07');
    });
    let releaseFirst: () => void = () => {};
    const firstMayCommit = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    // A hot window (11-05..07) and a wider settling window (11-01..07) that restated only its
    // first days: the first rebuilds and holds its transaction open until the second is queued
    // behind it, then commits.
    const first = withTenant(testDb.appDb, tenantId, async (tx) => {
      await upsertDailyStats(tx, adAccountId, makeTestStatRows({ from: '2026-11-05', days: 3, scale: 2 }));
      await rebuildRollups(tx, adAccountId, '2026-11-05', '2026-11-07');
      await firstMayCommit;
    });
    const second = withTenant(testDb.appDb, tenantId, async (tx) => {
      await upsertDailyStats(tx, adAccountId, makeTestStatRows({ from: '2026-11-01', days: 4, scale: 3 }));
      await rebuildRollups(tx, adAccountId, '2026-11-01', '2026-11-07');
    });
    await untilAWriterWaits();
    releaseFirst();
    const outcomes = await Promise.allSettled([first, second]);
    const errors = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [`${(o.reason as Error).message} ${(o.reason as Error & { cause?: Error }).cause?.message}`] : [],
    );
    expect(errors).toEqual([]);
    expect(await actualRollups(tenantId)).toEqual(await expectedRollups(tenantId));
    expect((await actualRollups(tenantId)).account).toHaveLength(7);
  });
});
