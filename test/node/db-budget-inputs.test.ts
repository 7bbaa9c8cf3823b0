import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/database';
import { loadBudgetInputs } from '../../db/queries/budget-inputs';
import { adAccounts, ads, connections } from '../../db/schema';
import { createTestAdAccount, createTestTenant } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await startTestDatabase();
});
afterAll(async () => {
  await testDb?.stop();
});

async function accountWithAds(statuses: string[]) {
  const tenant = await createTestTenant(testDb.db);
  const [connection] = await testDb.db
    .insert(connections)
    .values({ tenantId: tenant.id, platform: 'meta', externalUserId: 'accounts:abc', accessTokenEnc: 'enc' })
    .returning();
  const account = await createTestAdAccount(testDb.db, tenant.id, { connectionId: connection!.id });
  if (statuses.length)
    await testDb.db.insert(ads).values(
      statuses.map((status, i) => ({
        tenantId: tenant.id,
        adAccountId: account.id,
        externalId: `ad-${i}`,
        name: `Ad ${i}`,
        status,
        campaignExternalId: 'c1',
        adGroupExternalId: 'g1',
      })),
    );
  return { tenant, account };
}

describe('loadBudgetInputs', () => {
  it('counts the account’s active ads only, and names the member of its connection', async () => {
    const { tenant, account } = await accountWithAds(['active', 'active', 'paused', 'archived', 'active']);
    await accountWithAds(['active', 'active']);
    expect(await withTenant(testDb.appDb, tenant.id, (tx) => loadBudgetInputs(tx, account.id))).toEqual({
      activeAds: 3,
      memberId: 'accounts:abc',
    });
  });

  it('sees nothing of another tenant’s account', async () => {
    const { account } = await accountWithAds(['active']);
    const other = await createTestTenant(testDb.db);
    expect(await withTenant(testDb.appDb, other.id, (tx) => loadBudgetInputs(tx, account.id))).toEqual({ activeAds: 0, memberId: null });
  });

  it('has no member for an account without a connection', async () => {
    const { tenant, account } = await accountWithAds([]);
    await testDb.db.update(adAccounts).set({ connectionId: null }).where(eq(adAccounts.id, account.id));
    expect(await withTenant(testDb.appDb, tenant.id, (tx) => loadBudgetInputs(tx, account.id))).toEqual({ activeAds: 0, memberId: null });
  });
});
