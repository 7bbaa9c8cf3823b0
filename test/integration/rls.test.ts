import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, withTenant } from '../../db/database';
import { RLS_EXEMPT_TABLES } from '../rls-exemptions';
import { appDb, closeWhenIdle, createTenantWithData, superDb, type TestTenant } from './support';

const arranged = superDb();
const app = appDb();
let a: TestTenant;
let b: TestTenant;
/** Every table with a tenant_id column except the documented exemptions, found in the catalog. */
let tenantTables: string[];

beforeAll(async () => {
  a = await createTenantWithData(arranged.db, [{ date: '2026-11-01', spendMicros: 1, impressions: 1, clicks: 1, conversions: 0 }]);
  b = await createTenantWithData(arranged.db, [{ date: '2026-11-01', spendMicros: 2, impressions: 2, clicks: 2, conversions: 0 }]);
  tenantTables = rowsOf<{ relname: string }>(
    await arranged.db.execute(sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute att on att.attrelid = c.oid and att.attname = 'tenant_id' and not att.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`),
  )
    .map((r) => r.relname)
    .filter((name) => !(name in RLS_EXEMPT_TABLES));
});
afterAll(() => closeWhenIdle(arranged, app));

/** Drizzle wraps driver errors ("Failed query: …"); the Postgres message is on the cause. */
const failureText = (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`;

async function count(db: typeof app.db, table: string, where = sql``): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} ${where}`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

describe('row-level security for the application role (inside workerd, through the neon driver)', () => {
  it('shows zero rows of any tenant-owned table when no tenant is set', async () => {
    await arranged.db.execute(sql`insert into audit_log (tenant_id, action) values (${a.tenantId}, 'test.event')`);
    expect(tenantTables).toEqual(expect.arrayContaining(['account_daily', 'ad_accounts', 'audit_log', 'connections']));
    for (const table of ['account_daily', 'ad_accounts', 'audit_log', 'connections']) {
      expect(await count(arranged.db, table, sql`where tenant_id = ${a.tenantId}`), table).toBeGreaterThan(0);
    }
    for (const table of tenantTables) expect(await count(app.db, table), table).toBe(0);
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
    ).rejects.toSatisfy((error: Error & { cause?: Error }) =>
      /new row violates row-level security policy for table "account_daily"/.test(failureText(error)),
    );
  });

  it('cannot switch row security off', async () => {
    await expect(app.db.execute(sql`set row_security = off; select count(*) from account_daily`)).rejects.toSatisfy(
      (error: Error & { cause?: Error }) =>
        /query would be affected by row-level security policy for table "account_daily"/.test(failureText(error)),
    );
    const [role] = rowsOf<{ rolbypassrls: boolean; rolsuper: boolean }>(
      await app.db.execute(sql`select rolbypassrls, rolsuper from pg_roles where rolname = current_user`),
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false });
  });
});
