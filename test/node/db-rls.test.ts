import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf, withTenant } from '../../db/database';
import { getTenantForUser, listTenantsForUser } from '../../db/queries/auth';
import { findTenantIdByHostnameAcrossTenants, listDeadLettersAcrossTenants, recordDeadLetter } from '../../db/queries/fleet';
import { findOnboardingLinkByTokenHash } from '../../db/queries/onboarding-links';
import { listAgencyIdsForUser, listTenantDeadLetters } from '../../db/queries/pipeline-health';
import { campaigns } from '../../db/schema';
import { createTestAdAccount, createTestTenant, createTestUser } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { sha256Hex } from '../../worker/auth/password';
import { RLS_EXEMPT_TABLES } from '../rls-exemptions';

let testDb: TestDatabase;
let tenantA: string;
let tenantB: string;
let tenantTables: string[];
let discovered: TenantIdTable[];
/** The user with a viewer membership of each filled tenant, by label. */
const users: Record<string, string> = {};

interface TenantIdTable {
  relname: string;
  relrowsecurity: boolean;
  relforcerowsecurity: boolean;
}

/** Every table in public with a tenant_id column, nullable or not, with its RLS flags. */
async function tablesWithTenantId(db: Database): Promise<TenantIdTable[]> {
  return rowsOf<TenantIdTable>(
    await db.execute(sql`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`),
  );
}

/** One row in every tenant-owned table for the given tenant, written as the superuser. */
async function fillEveryTenantTable(db: Database, tenantId: string, label: string): Promise<void> {
  const account = await createTestAdAccount(db, tenantId, { externalId: `acct-${label}` });
  const ids = { tenantId, adAccountId: account.id };
  await db.execute(
    sql`insert into tenant_domains (tenant_id, hostname) values (${tenantId}, ${`${label}-${randomUUID().slice(0, 6)}.example`})`,
  );
  await db.execute(
    sql`insert into connections (tenant_id, platform, external_user_id, access_token_enc) values (${tenantId}, 'meta', ${label}, 'ciphertext')`,
  );
  await db.execute(
    sql`insert into campaigns (tenant_id, ad_account_id, external_id, name, status) values (${ids.tenantId}, ${ids.adAccountId}, 'c1', 'C', 'ACTIVE')`,
  );
  await db.execute(
    sql`insert into ad_groups (tenant_id, ad_account_id, external_id, name, status, campaign_external_id) values (${ids.tenantId}, ${ids.adAccountId}, 'g1', 'G', 'ACTIVE', 'c1')`,
  );
  await db.execute(
    sql`insert into ads (tenant_id, ad_account_id, external_id, name, status, campaign_external_id, ad_group_external_id) values (${ids.tenantId}, ${ids.adAccountId}, 'a1', 'A', 'ACTIVE', 'c1', 'g1')`,
  );
  await db.execute(
    sql`insert into ad_stats_daily (tenant_id, ad_account_id, campaign_id, ad_group_id, ad_id, date) values (${ids.tenantId}, ${ids.adAccountId}, 'c1', 'g1', 'a1', '2026-11-01')`,
  );
  await db.execute(
    sql`insert into ad_stats_hourly (tenant_id, ad_account_id, campaign_id, ad_group_id, ad_id, date, hour) values (${ids.tenantId}, ${ids.adAccountId}, 'c1', 'g1', 'a1', '2026-11-01', 9)`,
  );
  await db.execute(
    sql`insert into campaign_daily (tenant_id, ad_account_id, campaign_id, date, currency, impressions, clicks, spend_micros, conversions, conversion_value_micros) values (${ids.tenantId}, ${ids.adAccountId}, 'c1', '2026-11-01', 'USD', 1, 1, 1, 1, 1)`,
  );
  await db.execute(
    sql`insert into account_daily (tenant_id, ad_account_id, date, currency, impressions, clicks, spend_micros, conversions, conversion_value_micros) values (${ids.tenantId}, ${ids.adAccountId}, '2026-11-01', 'USD', 1, 1, 1, 1, 1)`,
  );
  await db.execute(
    sql`insert into sync_runs (tenant_id, ad_account_id, lane, window_from, window_to) values (${ids.tenantId}, ${ids.adAccountId}, 'hot', '2026-11-01', '2026-11-01')`,
  );
  await db.execute(sql`insert into audit_log (tenant_id, action, target) values (${ids.tenantId}, 'connection.created', ${label})`);
  await db.execute(
    sql`insert into invitations (tenant_id, email, role, token_hash, expires_at) values (${ids.tenantId}, ${`${label}@invited.example`}, 'viewer', ${randomUUID()}, now() + interval '7 days')`,
  );
  await db.execute(
    sql`insert into webhook_events (tenant_id, type, payload, occurred_at) values (${ids.tenantId}, 'sync.completed', '{}'::jsonb, now())`,
  );
  await db.execute(
    sql`insert into onboarding_links (tenant_id, token_hash, platforms, app_origin, created_by, expires_at)
      values (${ids.tenantId}, ${await sha256Hex(`token-${label}`)}, '{meta}', 'https://app.example.test', 'test', now() + interval '7 days')`,
  );
  await db.execute(
    sql`insert into tenant_assets (tenant_id, kind, content_type, bytes, byte_length, sha256, source_url)
      values (${ids.tenantId}, 'logo', 'image/png', '\\x89504e47'::bytea, 4, ${await sha256Hex(`logo-${label}`)}, 'https://cdn.example.test/logo.png')`,
  );
  const { user } = await createTestUser(db, { tenantRoles: [{ tenantId, role: 'viewer' }] });
  users[label] = user.id;
  await recordDeadLetterAs(db, tenantId, label);
}

/** A parked queue message of the tenant, written as the superuser. */
async function recordDeadLetterAs(db: Database, tenantId: string, label: string): Promise<void> {
  await db.execute(sql`insert into dead_letters (message_id, queue, tenant_id, body, attempts)
    values (${`msg-${label}-${randomUUID()}`}, 'tidemark-sync-dlq', ${tenantId}, ${JSON.stringify({ tenantId })}::jsonb, 5)`);
}

/** Postgres's error for a privilege the role does not hold. */
const PERMISSION_DENIED = /permission denied for table/;

async function expectFailure(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(error, 'expected the statement to fail').not.toBeNull();
  expect(`${error!.message} ${error!.cause?.message ?? ''}`).toMatch(pattern);
}

/** Row-level security's own error: a write outside the scope. */
const RLS_VIOLATION = /new row violates row-level security policy/;

/** Drizzle wraps driver errors ("Failed query: …"); the Postgres message is on the cause. */
async function expectRlsViolation(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(error, 'expected the statement to fail').not.toBeNull();
  expect(`${error!.message} ${error!.cause?.message ?? ''}`).toMatch(RLS_VIOLATION);
}

async function countByTenant(db: Database, table: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ tenant_id: string; n: number }>(
    await db.execute(sql`select tenant_id, count(*)::int as n from ${sql.identifier(table)} group by tenant_id`),
  );
  return Object.fromEntries(rows.map((r) => [r.tenant_id, r.n]));
}

beforeAll(async () => {
  testDb = await startTestDatabase();
  tenantA = (await createTestTenant(testDb.db)).id;
  tenantB = (await createTestTenant(testDb.db)).id;
  await fillEveryTenantTable(testDb.db, tenantA, 'a');
  await fillEveryTenantTable(testDb.db, tenantB, 'b');
  discovered = await tablesWithTenantId(testDb.db);
  tenantTables = discovered.map((t) => t.relname).filter((name) => !(name in RLS_EXEMPT_TABLES));
});

afterAll(async () => {
  await testDb?.stop();
});

describe('row-level security for the application role', () => {
  it('puts every table with a tenant_id under ENABLE + FORCE row-level security, except the listed exemptions', () => {
    const names = discovered.map((t) => t.relname);
    for (const exempt of Object.keys(RLS_EXEMPT_TABLES)) expect(names, `exempt table ${exempt} still exists`).toContain(exempt);
    for (const table of discovered) {
      const forced = table.relrowsecurity && table.relforcerowsecurity;
      // An exempt table that gained RLS is no longer an exemption: the list must say exactly what is unprotected.
      expect({ table: table.relname, forced }).toEqual({ table: table.relname, forced: !(table.relname in RLS_EXEMPT_TABLES) });
    }
    expect(tenantTables).toEqual(expect.arrayContaining(['audit_log', 'memberships', 'dead_letters']));
  });

  it('arranges rows for both tenants in every tenant-owned table (superuser sees them all)', async () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(14);
    for (const table of tenantTables) {
      expect(await countByTenant(testDb.db, table), table).toEqual({ [tenantA]: 1, [tenantB]: 1 });
    }
  });

  it('shows zero rows of any tenant-owned table when no tenant is set', async () => {
    for (const table of tenantTables) {
      expect(await countByTenant(testDb.appDb, table), table).toEqual({});
    }
  });

  it("shows only tenant A's rows when tenant A is set", async () => {
    for (const table of tenantTables) {
      const counts = await withTenant(testDb.appDb, tenantA, (tx) => countByTenant(tx.db, table));
      expect(counts, table).toEqual({ [tenantA]: 1 });
    }
  });

  it('rejects inserting a row for tenant B while tenant A is set', async () => {
    const [accountB] = rowsOf<{ id: string }>(await testDb.db.execute(sql`select id from ad_accounts where tenant_id = ${tenantB}`));
    await expectRlsViolation(
      withTenant(testDb.appDb, tenantA, (tx) =>
        tx.db.insert(campaigns).values({ tenantId: tenantB, adAccountId: accountB!.id, externalId: 'sneaky', name: 'x', status: 'ACTIVE' }),
      ),
    );
  });

  it("rejects moving tenant A's row over to tenant B", async () => {
    await expectRlsViolation(
      withTenant(testDb.appDb, tenantA, (tx) =>
        tx.db.execute(sql`update campaigns set tenant_id = ${tenantB} where tenant_id = ${tenantA}`),
      ),
    );
  });

  it('keeps the tenant setting inside the transaction, so the pooled connection forgets it', async () => {
    await withTenant(testDb.appDb, tenantA, async () => undefined);
    expect(await countByTenant(testDb.appDb, 'campaigns')).toEqual({});
  });

  it('cannot escape with SET row_security = off: the query fails instead of bypassing the policy', async () => {
    const client = new pg.Client({ connectionString: testDb.appUrl });
    await client.connect();
    try {
      await client.query('set row_security = off');
      await expect(client.query('select count(*) from campaigns')).rejects.toThrow(
        'query would be affected by row-level security policy for table "campaigns"',
      );
    } finally {
      await client.end();
    }
  });

  it('is not the owner of any table, not a superuser, and has no BYPASSRLS', async () => {
    const [role] = rowsOf<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      await testDb.appDb.execute(sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = current_user`),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: true });
    const owned = rowsOf(await testDb.db.execute(sql`select tablename from pg_tables where tableowner = 'tidemark_app'`));
    expect(owned).toEqual([]);
  });
});

describe('audit_log: tenant rows and agency-level rows', () => {
  let agencyId: string;
  let otherAgencyId: string;
  const inScope = (settings: { tenant?: string; agency?: string }, fn: (tx: Database) => Promise<unknown>) =>
    testDb.appDb.transaction(async (tx) => {
      if (settings.tenant) await tx.execute(sql`select set_config('app.tenant_id', ${settings.tenant}, true)`);
      if (settings.agency) await tx.execute(sql`select set_config('app.agency_id', ${settings.agency}, true)`);
      return fn(tx);
    });
  const actions = async (tx: Database) =>
    rowsOf<{ action: string }>(await tx.execute(sql`select action from audit_log order by action`)).map((r) => r.action);

  beforeAll(async () => {
    [agencyId, otherAgencyId] = rowsOf<{ id: string }>(
      await testDb.db.execute(sql`insert into agencies (name) values ('Agency X'), ('Agency Y') returning id`),
    ).map((r) => r.id) as [string, string];
    await testDb.db.execute(sql`insert into audit_log (agency_id, action) values (${agencyId}, 'agency.api_key.created')`);
    await testDb.db.execute(sql`insert into audit_log (agency_id, action) values (${otherAgencyId}, 'agency.other')`);
  });

  it('keeps agency-level rows (no tenant) out of every tenant scope', async () => {
    expect(await inScope({ tenant: tenantA }, actions)).toEqual(['connection.created']);
    expect(await inScope({ tenant: tenantA, agency: agencyId }, actions)).toEqual(['connection.created']);
  });

  it('shows an agency its own agency-level rows only, and nothing without any scope', async () => {
    expect(await inScope({ agency: agencyId }, actions)).toEqual(['agency.api_key.created']);
    expect(await inScope({}, actions)).toEqual([]);
  });

  it('refuses agency-level rows written from a tenant scope or for another agency', async () => {
    await expectRlsViolation(
      inScope({ tenant: tenantA }, (tx) => tx.execute(sql`insert into audit_log (agency_id, action) values (${agencyId}, 'sneaky')`)),
    );
    await expectRlsViolation(
      inScope({ agency: agencyId }, (tx) => tx.execute(sql`insert into audit_log (agency_id, action) values (${otherAgencyId}, 'sneaky')`)),
    );
    await expectRlsViolation(
      inScope({ agency: agencyId }, (tx) => tx.execute(sql`insert into audit_log (tenant_id, action) values (${tenantA}, 'sneaky')`)),
    );
    await inScope({ agency: agencyId }, (tx) =>
      tx.execute(sql`insert into audit_log (agency_id, action) values (${agencyId}, 'agency.ok')`),
    );
    expect(await inScope({ agency: agencyId }, actions)).toEqual(['agency.api_key.created', 'agency.ok']);
  });
});

describe('memberships: a user reads their own, a tenant scope manages its own', () => {
  const inScope = (settings: { tenant?: string; user?: string }, fn: (tx: Database) => Promise<unknown>) =>
    testDb.appDb.transaction(async (tx) => {
      if (settings.tenant) await tx.execute(sql`select set_config('app.tenant_id', ${settings.tenant}, true)`);
      if (settings.user) await tx.execute(sql`select set_config('app.user_id', ${settings.user}, true)`);
      return fn(tx);
    });
  const userIds = async (tx: Database) =>
    rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from memberships order by user_id`)).map((r) => r.user_id);

  it("shows a user scope exactly the user's own memberships", async () => {
    expect(await inScope({ user: users.a }, userIds)).toEqual([users.a]);
    expect(await inScope({}, userIds)).toEqual([]);
  });

  it('lets sign-in and the tenant picker find the tenants of the user, and nothing of another user, as the application role', async () => {
    expect((await listTenantsForUser(testDb.appDb, users.a!)).map((t) => t.id)).toEqual([tenantA]);
    expect((await getTenantForUser(testDb.appDb, users.a!, tenantA))?.role).toBe('viewer');
    expect(await getTenantForUser(testDb.appDb, users.a!, tenantB)).toBeNull();
    expect(await listAgencyIdsForUser(testDb.appDb, users.a!)).toEqual([]);
  });

  it('refuses a user scope writing a membership, even for the user themselves', async () => {
    await expectRlsViolation(
      inScope({ user: users.a }, (tx) =>
        tx.execute(sql`insert into memberships (user_id, tenant_id, role) values (${users.a}, ${tenantB}, 'owner')`),
      ),
    );
    await inScope({ user: users.a }, (tx) => tx.execute(sql`update memberships set role = 'owner' where user_id = ${users.a}`));
    await inScope({ user: users.a }, (tx) => tx.execute(sql`delete from memberships where user_id = ${users.a}`));
    expect(await inScope({ user: users.a }, (tx) => tx.execute(sql`select role from memberships`).then(rowsOf))).toEqual([
      { role: 'viewer' },
    ]);
  });

  it('refuses a tenant scope adding a membership of another tenant', async () => {
    await expectRlsViolation(
      inScope({ tenant: tenantA }, (tx) =>
        tx.execute(sql`insert into memberships (user_id, tenant_id, role) values (${users.a}, ${tenantB}, 'owner')`),
      ),
    );
  });
});

describe('dead_letters: operator data across tenants, each tenant reads its own', () => {
  it("shows the tenant's pipeline view only its own dead letters", async () => {
    expect((await listTenantDeadLetters(testDb.appDb, tenantA)).length).toBe(1);
    const leaked = await withTenant(testDb.appDb, tenantA, (tx) => countByTenant(tx.db, 'dead_letters'));
    expect(leaked).toEqual({ [tenantA]: 1 });
  });

  it('refuses a tenant scope writing or re-driving dead letters', async () => {
    await expectRlsViolation(
      withTenant(testDb.appDb, tenantA, (tx) =>
        tx.db.execute(sql`insert into dead_letters (message_id, queue, tenant_id, body, attempts)
          values ('sneaky', 'q', ${tenantA}, '{}'::jsonb, 1)`),
      ),
    );
    await withTenant(testDb.appDb, tenantA, (tx) => tx.db.execute(sql`update dead_letters set redriven_at = now()`));
    expect(rowsOf(await testDb.db.execute(sql`select id from dead_letters where redriven_at is not null`))).toEqual([]);
  });

  it("lets the queue consumer park and the operator list every tenant's letters as the application role", async () => {
    await recordDeadLetter(testDb.appDb, {
      messageId: `park-${randomUUID()}`,
      queue: 'tidemark-sync-dlq',
      body: { tenantId: tenantB },
      attempts: 5,
    });
    await recordDeadLetter(testDb.appDb, { messageId: `park-${randomUUID()}`, queue: 'tidemark-sync-dlq', body: 'malformed', attempts: 1 });
    const listed = await listDeadLettersAcrossTenants(testDb.appDb);
    expect(listed.filter((l) => l.tenantId === tenantA)).toHaveLength(1);
    expect(listed.filter((l) => l.tenantId === tenantB)).toHaveLength(2);
    expect(listed.filter((l) => l.tenantId === null)).toHaveLength(1);
  });
});

describe('audit_log is append-only for the application role', () => {
  it('appends in the tenant scope, and refuses UPDATE, DELETE and TRUNCATE even there', async () => {
    await withTenant(testDb.appDb, tenantA, (tx) =>
      tx.db.execute(sql`insert into audit_log (tenant_id, action) values (${tenantA}, 'appended')`),
    );
    await expectFailure(
      withTenant(testDb.appDb, tenantA, (tx) => tx.db.execute(sql`update audit_log set action = 'rewritten' where tenant_id = ${tenantA}`)),
      PERMISSION_DENIED,
    );
    await expectFailure(
      withTenant(testDb.appDb, tenantA, (tx) => tx.db.execute(sql`delete from audit_log where tenant_id = ${tenantA}`)),
      PERMISSION_DENIED,
    );
    await expectFailure(testDb.appDb.execute(sql`truncate audit_log`), PERMISSION_DENIED);
    const actions = rowsOf<{ action: string }>(
      await testDb.db.execute(sql`select action from audit_log where tenant_id = ${tenantA} order by action`),
    ).map((r) => r.action);
    expect(actions).toEqual(['appended', 'connection.created']);
  });
  it("still lets a deleted tenant take its audit entries with it (the foreign key's cascade runs as the owner)", async () => {
    const doomed = (await createTestTenant(testDb.db)).id;
    await testDb.db.execute(sql`insert into audit_log (tenant_id, action) values (${doomed}, 'doomed')`);
    await testDb.appDb.execute(sql`delete from tenants where id = ${doomed}`);
    expect(rowsOf(await testDb.db.execute(sql`select id from audit_log where tenant_id = ${doomed}`))).toEqual([]);
  });
});

describe('custom-domain lookup under row-level security', () => {
  it('finds the tenant for exactly the requested hostname and nothing else', async () => {
    const [domainA] = rowsOf<{ hostname: string }>(
      await testDb.db.execute(sql`select hostname from tenant_domains where tenant_id = ${tenantA}`),
    );
    expect(await findTenantIdByHostnameAcrossTenants(testDb.appDb, domainA!.hostname.toUpperCase())).toBe(tenantA);
    expect(await findTenantIdByHostnameAcrossTenants(testDb.appDb, 'unknown.example')).toBeNull();
    const leaked = await testDb.appDb.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.hostname', ${domainA!.hostname}, true)`);
      return countByTenant(tx, 'tenant_domains');
    });
    expect(leaked).toEqual({ [tenantA]: 1 });
  });
});

describe('onboarding-link lookup under row-level security', () => {
  it('finds exactly the link whose token hash is asked for, before any tenant is set, and nothing else', async () => {
    const link = await findOnboardingLinkByTokenHash(testDb.appDb, await sha256Hex('token-a'));
    expect(link).toMatchObject({ tenantId: tenantA, platforms: ['meta'] });
    expect(await findOnboardingLinkByTokenHash(testDb.appDb, await sha256Hex('token-unknown'))).toBeNull();
    const leaked = await testDb.appDb.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.onboarding_token_hash', ${await sha256Hex('token-a')}, true)`);
      return countByTenant(tx, 'onboarding_links');
    });
    expect(leaked).toEqual({ [tenantA]: 1 });
    const written = testDb.appDb.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.onboarding_token_hash', ${await sha256Hex('token-a')}, true)`);
      await tx.execute(sql`update onboarding_links set revoked_at = now() where tenant_id = ${tenantA}`);
      return countByTenant(tx, 'onboarding_links');
    });
    expect(await written, 'the lookup may read, not write').toEqual({ [tenantA]: 1 });
    expect(rowsOf(await testDb.db.execute(sql`select 1 from onboarding_links where revoked_at is not null`))).toEqual([]);
  });
});
