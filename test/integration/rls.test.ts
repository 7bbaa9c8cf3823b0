import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, withTenant } from '../../db/database';
import { appDb, createTenantWithData, superDb, type TestTenant } from './support';

const TENANT_TABLES = ['ad_accounts', 'connections', 'account_daily', 'memberships'] as const;

const arranged = superDb();
const app = appDb();
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  a = await createTenantWithData(arranged.db, [{ date: '2026-11-01', spendMicros: 1, impressions: 1, clicks: 1, conversions: 0 }]);
  b = await createTenantWithData(arranged.db, [{ date: '2026-11-01', spendMicros: 2, impressions: 2, clicks: 2, conversions: 0 }]);
});
afterAll(async () => {
  await arranged.close();
  await app.close();
});

async function count(db: typeof app.db, table: string, where = sql``): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} ${where}`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

describe('row-level security for the application role (inside workerd, through the neon driver)', () => {
  it('shows zero rows of any tenant-owned table when no tenant is set', async () => {
    for (const table of TENANT_TABLES.filter((t) => t !== 'memberships')) {
      expect(await count(app.db, table), table).toBe(0);
    }
  });

  it('shows only the current tenant’s rows, even when the query asks for another tenant', async () => {
    await withTenant(app.db, a.tenantId, async (tx) => {
      expect(await count(tx.db, 'account_daily', sql`where tenant_id = ${b.tenantId}`)).toBe(0);
      expect(await count(tx.db, 'ad_accounts', sql`where tenant_id = ${b.tenantId}`)).toBe(0);
      expect(await count(tx.db, 'account_daily', sql`where tenant_id = ${a.tenantId}`)).toBe(1);
    });
  });

  it('refuses to write a row for another tenant', async () => {
    await expect(
      withTenant(app.db, a.tenantId, (tx) =>
        tx.db.execute(sql`insert into account_daily (tenant_id, ad_account_id, date, impressions, clicks, spend_micros, conversions, conversion_value_micros)
          values (${b.tenantId}, ${b.adAccountId}, '2026-11-05', 1, 1, 1, 0, 0)`),
      ),
    ).rejects.toSatisfy((error: Error & { cause?: Error }) => /row-level security/.test(`${error.message} ${error.cause?.message}`));
  });

  it('cannot switch row security off', async () => {
    await expect(app.db.execute(sql`set row_security = off; select count(*) from account_daily`)).rejects.toThrow();
    const [role] = rowsOf<{ rolbypassrls: boolean; rolsuper: boolean }>(
      await app.db.execute(sql`select rolbypassrls, rolsuper from pg_roles where rolname = current_user`),
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false });
  });
});
