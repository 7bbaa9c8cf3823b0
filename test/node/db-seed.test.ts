import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { findUserByEmail, listTenantsForUser } from '../../db/queries/auth';
import { accountDaily, adAccounts, connections } from '../../db/schema';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { seedDemo } from '../../dev/seed';
import { DEMO_TENANTS, LEGACY_DIRECT_ACCOUNT_IDS } from '../../dev/seed/demo-data';
import { smallCastAccounts } from '../../dev/seed/small-cast';
import { verifyPassword } from '../../worker/auth/password';

let testDb: TestDatabase;
let logins: Awaited<ReturnType<typeof seedDemo>>['logins'];

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['agencies', 'tenants', 'users', 'memberships', 'connections', 'ad_accounts', 'ad_stats_daily', 'account_daily']) {
    const [row] = rowsOf<{ n: number }>(await testDb.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`));
    counts[table] = row!.n;
  }
  return counts;
}

async function dataVersion(tenantId: string): Promise<number> {
  const [row] = rowsOf<{ v: number }>(await testDb.db.execute(sql`select data_version::int as v from tenants where id = ${tenantId}`));
  return row!.v;
}

beforeAll(async () => {
  testDb = await startTestDatabase();
  ({ logins } = await seedDemo(testDb.superuserUrl));
});
afterAll(async () => {
  await testDb?.stop();
});

describe('seedDemo', () => {
  it('is idempotent, and leaves ad accounts and stats to the OAuth connect and the sync pipeline', async () => {
    const before = await tableCounts();
    expect(before).toEqual({
      agencies: 1,
      tenants: 2,
      users: 3,
      memberships: 3,
      connections: 0,
      ad_accounts: 0,
      ad_stats_daily: 0,
      account_daily: 0,
    });
    await seedDemo(testDb.superuserUrl);
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

  it('serves each tenant with its reporting currency, time zone and branding to the dashboard', async () => {
    const owner = await findUserByEmail(testDb.appDb, 'owner@northwind.example');
    const tenants = await listTenantsForUser(testDb.appDb, owner!.id);
    expect(
      tenants.map((t) => ({ slug: t.slug, reportingCurrency: t.reportingCurrency, timeZone: t.timeZone, branding: t.branding })),
    ).toEqual(
      DEMO_TENANTS.map((t) => ({ slug: t.slug, reportingCurrency: t.reportingCurrency, timeZone: t.timeZone, branding: t.branding })),
    );
  });

  it('restores a tenant setting changed by hand on the next run', async () => {
    const tenant = DEMO_TENANTS[1]!;
    await testDb.db.execute(sql`update tenants set reporting_currency = 'USD', branding = '{}'::jsonb where id = ${tenant.id}`);
    await seedDemo(testDb.superuserUrl);
    const [row] = rowsOf<{ currency: string; color: string }>(
      await testDb.db.execute(
        sql`select reporting_currency as currency, branding->>'primaryColor' as color from tenants where id = ${tenant.id}`,
      ),
    );
    expect(row).toEqual({ currency: 'EUR', color: tenant.branding.primaryColor });
  });

  it('removes the unconnected accounts and stats an older seed inserted directly, so nothing is counted twice', async () => {
    const tenant = DEMO_TENANTS[0]!;
    const legacyId = LEGACY_DIRECT_ACCOUNT_IDS[0]!;
    await testDb.db.insert(adAccounts).values({
      id: legacyId,
      tenantId: tenant.id,
      platform: 'meta',
      externalId: 'legacy-1',
      name: 'Old seed',
      currency: 'USD',
      timeZone: tenant.timeZone,
    });
    await testDb.db.insert(accountDaily).values({
      tenantId: tenant.id,
      adAccountId: legacyId,
      currency: 'USD',
      date: '2026-11-01',
      impressions: 10,
      clicks: 1,
      spendMicros: 5_000_000,
      conversions: 0,
      conversionValueMicros: 0,
    });
    const versionBefore = await dataVersion(tenant.id);
    await seedDemo(testDb.superuserUrl);
    const counts = await tableCounts();
    expect(counts.ad_accounts).toBe(0);
    expect(counts.account_daily).toBe(0);
    expect(await dataVersion(tenant.id), 'cached dashboards become stale').toBeGreaterThan(versionBefore);
  });

  it('drops the small cast an earlier npm run dev connected, and its emptied connection, but no other account', async () => {
    const tenant = DEMO_TENANTS[0]!;
    const small = smallCastAccounts().find((a) => a.platform === 'meta')!;
    const connection = (externalUserId: string) => ({
      tenantId: tenant.id,
      platform: 'meta' as const,
      externalUserId,
      accessTokenEnc: 'sealed',
    });
    const [old, roster] = await testDb.db
      .insert(connections)
      .values([connection('accounts:small-cast'), connection('accounts:roster')])
      .returning({ id: connections.id });
    const account = (connectionId: string, externalId: string) => ({
      tenantId: tenant.id,
      connectionId,
      platform: 'meta' as const,
      externalId,
      name: externalId,
      currency: 'USD',
      timeZone: tenant.timeZone,
    });
    await testDb.db.insert(adAccounts).values([account(old!.id, small.externalId), account(roster!.id, '1234567890123456')]);
    const versionBefore = await dataVersion(tenant.id);
    await seedDemo(testDb.superuserUrl);
    const left = rowsOf<{ external_id: string; connection_id: string }>(
      await testDb.db.execute(sql`select external_id, connection_id from ad_accounts where tenant_id = ${tenant.id}`),
    );
    expect(left).toEqual([{ external_id: '1234567890123456', connection_id: roster!.id }]);
    const kept = rowsOf<{ id: string }>(await testDb.db.execute(sql`select id from connections where tenant_id = ${tenant.id}`));
    expect(kept).toEqual([{ id: roster!.id }]);
    expect(await dataVersion(tenant.id)).toBeGreaterThan(versionBefore);
    await testDb.db.execute(sql`delete from connections where tenant_id = ${tenant.id}`);
    await testDb.db.execute(sql`delete from ad_accounts where tenant_id = ${tenant.id}`);
  });
});
