import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, forEachTenant, rowsOf, TenantTx, withTenant } from '../../db/database';
import { listAdAccountStatus, type NewConnection, upsertConnection } from '../../db/queries/connections';
import { getOverviewKpis } from '../../db/queries/dashboard';
import { bumpDataVersion } from '../../db/queries/ingest';
import { listSyncableAdAccounts } from '../../db/queries/scheduling';
import { createTestAdAccount, createTestTenant } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await startTestDatabase();
});
afterAll(async () => {
  await testDb?.stop();
});

async function tenantWithAccount(name: string) {
  const tenant = await createTestTenant(testDb.db);
  const account = await createTestAdAccount(testDb.db, tenant.id, { name });
  return { tenantId: tenant.id, adAccountId: account.id };
}

describe('withTenant', () => {
  it('hands out a scope that carries the tenant row-level security is set to', async () => {
    const { tenantId, adAccountId } = await tenantWithAccount('Scoped');
    const seen = await withTenant(testDb.appDb, tenantId, async (tx) => {
      const [setting] = rowsOf<{ tenant: string }>(await tx.db.execute(sql`select current_setting('app.tenant_id') as tenant`));
      return { setting: setting!.tenant, scopeTenant: tx.tenantId, accounts: (await listAdAccountStatus(tx)).map((a) => a.id) };
    });
    expect(seen).toEqual({ setting: tenantId, scopeTenant: tenantId, accounts: [adAccountId] });
  });

  it('refuses to build a scope anywhere but inside withTenant', () => {
    const forge = TenantTx as unknown as new (issuer: symbol, tenantId: string, db: Database) => TenantTx;
    expect(() => new forge(Symbol('withTenant'), 'tenant', testDb.appDb)).toThrow('A TenantTx comes only from withTenant().');
  });
});

describe('forEachTenant', () => {
  it('reads each tenant in its own scope, in the order given', async () => {
    const first = await tenantWithAccount('First');
    const second = await tenantWithAccount('Second');
    const names = await forEachTenant(testDb.appDb, [second.tenantId, first.tenantId], async (tx) =>
      (await listAdAccountStatus(tx)).map((a) => `${tx.tenantId === second.tenantId ? 'second' : 'first'}:${a.name}`),
    );
    expect(names).toEqual([['second:Second'], ['first:First']]);
  });
});

/**
 * Never called: tsc checks these lines (`npm run typecheck`). Each `@ts-expect-error` fails the type
 * check if the call below it ever becomes legal, i.e. if a reader of a tenant-owned table could be
 * called without the scope that withTenant hands out.
 */
function _callsWithoutATenantScopeDoNotCompile(db: Database, tenantId: string, tx: TenantTx, connection: NewConnection) {
  // @ts-expect-error a plain database is not a tenant scope
  void listAdAccountStatus(db);
  // @ts-expect-error nor is a bare tenant id
  void listAdAccountStatus(tenantId);
  // @ts-expect-error the tenant is passed once, with the scope: no separate tenantId argument
  void getOverviewKpis(tx, tenantId, { from: '2026-11-01', to: '2026-11-02' });
  // @ts-expect-error an object literal with the right fields is not a scope
  void listSyncableAdAccounts({ tenantId, db });
  // @ts-expect-error nor is a copy of a real scope with another tenant's id
  void bumpDataVersion({ ...tx, tenantId: 'another-tenant' });
  // @ts-expect-error writers take the tenant from the scope, not from the row
  void upsertConnection(tx, { ...connection, tenantId });
  // The legal form, for contrast.
  void withTenant(db, tenantId, (scoped) => listAdAccountStatus(scoped));
}
