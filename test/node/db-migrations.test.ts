import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neonConfig } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { createDb, withTenant } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { startEmbeddedPostgres } from '../../dev/postgres/embedded';
import { findFreePort } from '../../dev/postgres/free-port';
import { startPgliteTimescale } from '../../dev/postgres/pglite-timescale';
import { startWsProxy } from '../../dev/postgres/ws-proxy';

const TENANT_TABLES = [
  'account_daily',
  'ad_accounts',
  'ad_groups',
  'ad_stats_daily',
  'ad_stats_hourly',
  'ads',
  'campaign_daily',
  'campaigns',
  'connections',
  'onboarding_links',
  'sync_runs',
  'tenant_assets',
  'tenant_domains',
  'webhook_events',
];

async function query<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Everything a migration could change, in a comparable form. */
async function schemaFingerprint(url: string) {
  const [columns, policies, migrations, indexes] = await Promise.all([
    query(
      url,
      `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
                where table_schema = 'public' order by table_name, column_name`,
    ),
    query(url, `select tablename, policyname, qual, with_check from pg_policies order by tablename, policyname`),
    query(url, `select hash from drizzle.__drizzle_migrations order by id`),
    query(url, `select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`),
  ]);
  return { columns, policies, migrations, indexes };
}

/** Tables whose tenant_id is NOT NULL, with their RLS flags. */
async function tenantOwnedTables(url: string) {
  return query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
    url,
    `select c.relname, c.relrowsecurity, c.relforcerowsecurity
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnotnull
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
}

describe('migrations on embedded Postgres (no TimescaleDB)', () => {
  let postgres: Awaited<ReturnType<typeof startEmbeddedPostgres>>;

  beforeAll(async () => {
    postgres = await startEmbeddedPostgres({
      dataDir: join(tmpdir(), `tidemark-test-pg-${randomUUID()}`),
      port: await findFreePort(),
      persistent: false,
    });
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it('apply cleanly, and a second run changes nothing', async () => {
    await migrateDatabase(postgres.url);
    const first = await schemaFingerprint(postgres.url);
    expect(first.migrations.length).toBeGreaterThanOrEqual(3);
    expect(first.columns.length).toBeGreaterThan(100);
    await migrateDatabase(postgres.url);
    expect(await schemaFingerprint(postgres.url)).toEqual(first);
  });

  it('enable and force row-level security with a tenant policy on every table with a tenant_id (NOT NULL, or nullable: audit_log, memberships, dead_letters, invitations)', async () => {
    const tables = await tenantOwnedTables(postgres.url);
    expect(tables.map((t) => t.relname)).toEqual(TENANT_TABLES);
    for (const table of tables) {
      expect(table, table.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
    }
    const nullableTenant = await query(
      postgres.url,
      `select relname, relrowsecurity, relforcerowsecurity from pg_class where relname in ('audit_log', 'memberships', 'dead_letters', 'invitations') order by relname`,
    );
    expect(nullableTenant).toEqual(
      ['audit_log', 'dead_letters', 'invitations', 'memberships'].map((relname) => ({
        relname,
        relrowsecurity: true,
        relforcerowsecurity: true,
      })),
    );
    const policies = await query<{ tablename: string }>(
      postgres.url,
      `select tablename from pg_policies where policyname = 'tenant_isolation' order by tablename`,
    );
    expect(policies.map((p) => p.tablename)).toEqual([...TENANT_TABLES, 'audit_log', 'dead_letters', 'invitations', 'memberships'].sort());
  });

  it('leave tables without tenant_id free of row-level security', async () => {
    const rows = await query<{ relname: string; relrowsecurity: boolean }>(
      postgres.url,
      `select relname, relrowsecurity from pg_class where relname in ('agencies','users','sessions','tenants','auth_throttle','fx_rates')`,
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => !r.relrowsecurity)).toBe(true);
  });

  it('scope the agency-owned api_keys and idempotency_keys to app.agency_id with forced row-level security', async () => {
    const tables = await query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      postgres.url,
      `select relname, relrowsecurity, relforcerowsecurity from pg_class where relname in ('api_keys','idempotency_keys') order by relname`,
    );
    expect(tables).toEqual([
      { relname: 'api_keys', relrowsecurity: true, relforcerowsecurity: true },
      { relname: 'idempotency_keys', relrowsecurity: true, relforcerowsecurity: true },
    ]);
    const policies = await query<{ tablename: string; policyname: string }>(
      postgres.url,
      `select tablename, policyname from pg_policies where tablename in ('api_keys','idempotency_keys') order by tablename, policyname`,
    );
    expect(policies).toEqual([
      { tablename: 'api_keys', policyname: 'agency_isolation' },
      { tablename: 'api_keys', policyname: 'key_lookup' },
      { tablename: 'idempotency_keys', policyname: 'agency_isolation' },
    ]);
  });

  it('create the app role without login, so only setup code can give it a password', async () => {
    const [role] = await query<{ rolcanlogin: boolean; rolbypassrls: boolean; rolsuper: boolean }>(
      postgres.url,
      `select rolcanlogin, rolbypassrls, rolsuper from pg_roles where rolname = 'tidemark_app'`,
    );
    expect(role).toEqual({ rolcanlogin: false, rolbypassrls: false, rolsuper: false });
  });

  it('leave ad_stats_daily a plain table when TimescaleDB is not available', async () => {
    const extensions = await query(postgres.url, `select 1 from pg_extension where extname = 'timescaledb'`);
    expect(extensions).toHaveLength(0);
    const [table] = await query<{ relkind: string }>(postgres.url, `select relkind from pg_class where relname = 'ad_stats_daily'`);
    expect(table?.relkind).toBe('r');
  });
});

describe('migrations on PGlite with TimescaleDB', () => {
  let pglite: Awaited<ReturnType<typeof startPgliteTimescale>>;
  let pglitePort: number;

  beforeAll(async () => {
    pglitePort = await findFreePort();
    pglite = await startPgliteTimescale({ port: pglitePort });
  });
  afterAll(async () => {
    await pglite?.stop();
  });

  it('make ad_stats_daily a monthly hypertable, and a second run changes nothing', async () => {
    await migrateDatabase(pglite.url);
    const hypertables = await query<{ hypertable_name: string }>(
      pglite.url,
      `select hypertable_name from timescaledb_information.hypertables`,
    );
    expect(hypertables.map((h) => h.hypertable_name)).toEqual(['ad_stats_daily']);
    const [dimension] = await query<{ column_name: string; time_interval: unknown }>(
      pglite.url,
      `select column_name, time_interval::text from timescaledb_information.dimensions where hypertable_name = 'ad_stats_daily'`,
    );
    // TimescaleDB stores a month on a date column as a fixed 30-day interval.
    expect(dimension?.column_name).toBe('date');
    expect(['1 mon', '30 days']).toContain(dimension?.time_interval);
    const first = await schemaFingerprint(pglite.url);
    await migrateDatabase(pglite.url);
    expect(await schemaFingerprint(pglite.url)).toEqual(first);
  });

  it('keep row-level security on the hypertable instead of compressing it (TimescaleDB forbids both)', async () => {
    const [license] = await query<{ license: string }>(pglite.url, `select current_setting('timescaledb.license') as license`);
    expect(license?.license).toBe('timescale');
    const tables = await tenantOwnedTables(pglite.url);
    expect(tables.find((t) => t.relname === 'ad_stats_daily')).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
    const compression = await query(
      pglite.url,
      `select 1 from timescaledb_information.compression_settings where hypertable_name = 'ad_stats_daily'`,
    );
    expect(compression).toHaveLength(0);
  });

  it('isolates tenants inside the hypertable for the app role', async () => {
    const client = new pg.Client({ connectionString: pglite.url });
    await client.connect();
    try {
      const tenantA = randomUUID();
      const tenantB = randomUUID();
      await client.query(`insert into tenants (id, slug, name) values ($1, $2, 'A'), ($3, $4, 'B')`, [
        tenantA,
        `a-${tenantA.slice(0, 8)}`,
        tenantB,
        `b-${tenantB.slice(0, 8)}`,
      ]);
      const accounts = await client.query(
        `insert into ad_accounts (tenant_id, platform, external_id, name, currency, time_zone)
         values ($1, 'meta', 'x1', 'A', 'USD', 'UTC'), ($2, 'meta', 'x2', 'B', 'USD', 'UTC') returning id, tenant_id`,
        [tenantA, tenantB],
      );
      const accountOf = (tenant: string) => accounts.rows.find((r) => r.tenant_id === tenant)!.id as string;
      const insertFact = `insert into ad_stats_daily (tenant_id, ad_account_id, campaign_id, ad_group_id, ad_id, date, spend_micros)
                          values ($1, $2, 'c', 'g', 'ad', '2026-01-05', 1)`;
      await client.query(insertFact, [tenantB, accountOf(tenantB)]);

      await client.query('begin');
      await client.query('set local role tidemark_app');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantA]);
      await client.query(insertFact, [tenantA, accountOf(tenantA)]);
      const visible = await client.query(`select tenant_id from ad_stats_daily`);
      expect(visible.rows).toEqual([{ tenant_id: tenantA }]);
      await client.query('savepoint other_tenant');
      await expect(client.query(insertFact.replace('2026-01-05', '2026-02-05'), [tenantB, accountOf(tenantB)])).rejects.toThrow(
        /row-level security/,
      );
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it("keeps the application role out of every chunk of the hypertable (chunks do not inherit its row-level security), while the hypertable answers the tenant's own rows", async () => {
    const client = new pg.Client({ connectionString: pglite.url });
    await client.connect();
    try {
      const tenantA = randomUUID();
      const tenantB = randomUUID();
      await client.query(`insert into tenants (id, slug, name) values ($1, $2, 'A'), ($3, $4, 'B')`, [
        tenantA,
        `ca-${tenantA.slice(0, 8)}`,
        tenantB,
        `cb-${tenantB.slice(0, 8)}`,
      ]);
      const accounts = await client.query(
        `insert into ad_accounts (tenant_id, platform, external_id, name, currency, time_zone)
         values ($1, 'meta', 'c1', 'A', 'USD', 'UTC'), ($2, 'meta', 'c2', 'B', 'USD', 'UTC') returning id, tenant_id`,
        [tenantA, tenantB],
      );
      const accountOf = (tenant: string) => accounts.rows.find((r) => r.tenant_id === tenant)!.id as string;
      const insertFact = (
        date: string,
      ) => `insert into ad_stats_daily (tenant_id, ad_account_id, campaign_id, ad_group_id, ad_id, date, spend_micros)
                          values ($1, $2, 'c', 'g', 'ad', '${date}', 7)`;
      await client.query(insertFact('2025-03-05'), [tenantB, accountOf(tenantB)]);
      await client.query(insertFact('2025-03-06'), [tenantA, accountOf(tenantA)]);

      await client.query('begin');
      await client.query('set local role tidemark_app');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantA]);
      // A month no chunk covers yet: the application role's insert creates the chunk.
      await client.query(insertFact('2025-07-05'), [tenantA, accountOf(tenantA)]);
      const visible = await client.query(`select tenant_id, date::text from ad_stats_daily where date < '2025-08-01' order by date`);
      expect(visible.rows).toEqual([
        { tenant_id: tenantA, date: '2025-03-06' },
        { tenant_id: tenantA, date: '2025-07-05' },
      ]);
      await client.query('commit');

      const chunks = await client.query<{ chunk: string }>(
        `select format('%I.%I', chunk_schema, chunk_name) as chunk from timescaledb_information.chunks
          where hypertable_name = 'ad_stats_daily' and range_start < '2025-08-01' order by range_start`,
      );
      expect(chunks.rows.length).toBeGreaterThanOrEqual(2);
      await client.query('begin');
      await client.query('set local role tidemark_app');
      for (const { chunk } of chunks.rows) {
        await client.query('savepoint chunk');
        await expect(client.query(`select count(*) from ${chunk}`), chunk).rejects.toThrow(/permission denied/);
        await client.query('rollback to savepoint chunk');
      }
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it('serves one neon Pool after another through the ws proxy (Terminate frees pglite-socket)', async () => {
    neonConfig.webSocketConstructor = ws;
    const proxy = await startWsProxy({ port: await findFreePort(), allowedTargets: [`127.0.0.1:${pglitePort}`] });
    try {
      for (let round = 0; round < 3; round++) {
        const { db, close } = createDb({ databaseUrl: pglite.url, wsProxy: proxy.url });
        try {
          const result = await withTenant(db, randomUUID(), (tx) =>
            tx.db.execute(sql`select ${round}::int as round, current_setting('app.tenant_id') <> '' as scoped`),
          );
          expect((result as unknown as { rows: unknown[] }).rows).toEqual([{ round, scoped: true }]);
        } finally {
          await close();
        }
      }
    } finally {
      await proxy.close();
    }
  });
});
