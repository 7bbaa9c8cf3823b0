import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { findUserByEmail, listTenantsForUser } from '../../db/queries/auth';
import { getOverviewKpis } from '../../db/queries/dashboard';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { seedDemo } from '../../dev/seed';
import {
  DEMO_AD_ACCOUNTS, DEMO_HISTORY_DAYS, DEMO_TENANTS, dateRangeEndingOn, demoStatRows, localDate,
} from '../../dev/seed/demo-data';
import { verifyPassword } from '../../worker/auth/password';

const NOW = new Date('2026-11-29T15:00:00Z');
let testDb: TestDatabase;
let logins: Awaited<ReturnType<typeof seedDemo>>['logins'];

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['agencies', 'tenants', 'users', 'memberships', 'ad_accounts', 'campaigns', 'ad_groups', 'ads', 'ad_stats_daily', 'campaign_daily', 'account_daily']) {
    const [row] = rowsOf<{ n: number }>(await testDb.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`));
    counts[table] = row!.n;
  }
  return counts;
}

beforeAll(async () => {
  testDb = await startTestDatabase();
  ({ logins } = await seedDemo(testDb.superuserUrl, { now: NOW }));
});
afterAll(async () => {
  await testDb?.stop();
});

describe('seedDemo', () => {
  it('is idempotent: a second run leaves every count unchanged', async () => {
    const before = await tableCounts();
    expect(before).toMatchObject({ agencies: 1, tenants: 2, users: 3, memberships: 3, ad_accounts: 4 });
    expect(before.ad_stats_daily).toBe(4 * 8 * DEMO_HISTORY_DAYS);
    await seedDemo(testDb.superuserUrl, { now: NOW });
    expect(await tableCounts()).toEqual(before);
  });

  it('prints logins whose passwords match the stored hashes', async () => {
    expect(logins).toHaveLength(3);
    for (const login of logins) {
      const user = await findUserByEmail(testDb.appDb, login.email);
      expect(user?.passwordHash).toMatch(/^pbkdf2-sha256\$/);
      expect(await verifyPassword(login.password, user!.passwordHash!)).toBe(true);
    }
  });

  it('gives the agency owner both clients and each viewer only their own', async () => {
    const slugsFor = async (email: string) => {
      const user = await findUserByEmail(testDb.appDb, email);
      return (await listTenantsForUser(testDb.appDb, user!.id)).map((t) => `${t.slug}:${t.role}`);
    };
    expect(await slugsFor('owner@northwind.example')).toEqual(['partner-a:owner', 'partner-b:owner']);
    expect(await slugsFor('viewer@partner-a.example')).toEqual(['partner-a:viewer']);
    expect(await slugsFor('viewer@partner-b.example')).toEqual(['partner-b:viewer']);
  });

  it('serves overview KPIs per tenant in its accounts’ currency, equal to the seeded facts', async () => {
    for (const tenant of DEMO_TENANTS) {
      const accounts = DEMO_AD_ACCOUNTS.filter((a) => a.tenantId === tenant.id);
      const expectedRows = accounts.flatMap((a) => demoStatRows(a, dateRangeEndingOn(localDate(NOW, a.timeZone), DEMO_HISTORY_DAYS)));
      const kpis = await getOverviewKpis(testDb.appDb, tenant.id, { from: '2026-01-01', to: '2026-12-31' });
      expect(kpis.map((k) => k.currency)).toEqual([tenant.reportingCurrency]);
      expect(kpis[0]).toMatchObject({
        spendMicros: expectedRows.reduce((s, r) => s + r.spendMicros, 0),
        impressions: expectedRows.reduce((s, r) => s + r.impressions, 0),
        clicks: expectedRows.reduce((s, r) => s + r.clicks, 0),
      });
      expect(kpis[0]!.conversions).toBeCloseTo(expectedRows.reduce((s, r) => s + r.conversions, 0), 4);
    }
  });
});
