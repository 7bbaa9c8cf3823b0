import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { withAgency } from '../../db/queries/agency-scope';
import { findApiKeysByPrefix, listApiKeys } from '../../db/queries/api-keys';
import { claimIdempotencyKey } from '../../db/queries/idempotency';
import { createAgencyTenant, getAgencyTenant, listAgencyTenants } from '../../db/queries/provisioning';
import { agencies, apiKeys, idempotencyKeys } from '../../db/schema';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

let testDb: TestDatabase;
let agencyA: string;
let agencyB: string;
const hex = (c: string) => c.repeat(64);

beforeAll(async () => {
  testDb = await startTestDatabase();
  [agencyA, agencyB] = (
    await testDb.db
      .insert(agencies)
      .values([{ name: 'A' }, { name: 'B' }])
      .returning()
  ).map((a) => a.id) as [string, string];
  await testDb.db.insert(apiKeys).values([
    { agencyId: agencyA, name: 'a', prefix: 'tmk_test_aaaaaaaaaaaa', keyHash: hex('a'), scope: 'write' },
    { agencyId: agencyB, name: 'b', prefix: 'tmk_test_bbbbbbbbbbbb', keyHash: hex('b'), scope: 'read' },
  ]);
  await testDb.db.insert(idempotencyKeys).values({
    agencyId: agencyB,
    keyHash: hex('c'),
    requestHash: hex('d'),
    responseStatus: 201,
    responseBody: {},
    expiresAt: new Date(Date.now() + 3600_000),
  });
}, 60_000);
afterAll(() => testDb?.stop());

describe('agency scope as the application role', () => {
  it('shows an agency only its own API keys, and no key at all without a scope', async () => {
    const names = await withAgency(testDb.appDb, agencyA, async (tx) => (await listApiKeys(tx)).map((k) => k.name));
    expect(names).toEqual(['a']);
    const unscoped = rowsOf(await testDb.appDb.execute(sql`select id from api_keys`));
    expect(unscoped).toEqual([]);
    const forged = await withAgency(testDb.appDb, agencyA, (tx) =>
      tx.db.execute(sql`select name from api_keys where agency_id = ${agencyB}`),
    );
    expect(rowsOf(forged)).toEqual([]);
  });

  it('finds a key by its prefix before the agency is known, and only the key with that prefix', async () => {
    expect((await findApiKeysByPrefix(testDb.appDb, 'tmk_test_bbbbbbbbbbbb')).map((k) => k.agencyId)).toEqual([agencyB]);
    expect(await findApiKeysByPrefix(testDb.appDb, 'tmk_test_cccccccccccc')).toEqual([]);
  });

  it("refuses to write a key or an idempotency row for another agency, and does not see the other agency's idempotency keys", async () => {
    const refused = await withAgency(testDb.appDb, agencyA, (tx) =>
      tx.db.insert(apiKeys).values({ agencyId: agencyB, name: 'sneaky', prefix: 'tmk_test_xxxxxxxxxxxx', keyHash: hex('e') }),
    ).then(
      () => null,
      (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
    );
    expect(refused).toMatch(/new row violates row-level security policy/);
    // Agency A claims the same key hash agency B used: a fresh claim for A, B's row untouched.
    const claim = await withAgency(testDb.appDb, agencyA, (tx) =>
      claimIdempotencyKey(tx, { keyHash: hex('c'), requestHash: hex('f') }, new Date()),
    );
    expect(claim).toEqual({ kind: 'claimed' });
    const [bRow] = rowsOf<{ request_hash: string }>(
      await testDb.db.execute(sql`select request_hash from idempotency_keys where agency_id = ${agencyB}`),
    );
    expect(bRow!.request_hash).toBe(hex('d'));
  });

  it("keeps each agency's provisioned tenants to itself", async () => {
    const made = await withAgency(testDb.appDb, agencyA, (tx) =>
      createAgencyTenant(
        tx,
        { slug: 'scope-a', name: 'Scope A', reportingCurrency: 'USD', timeZone: 'UTC', branding: {}, customDomain: 'scope-a.example' },
        'test',
      ),
    );
    expect(made.ok).toBe(true);
    const id = made.ok ? made.tenant.id : '';
    expect(await withAgency(testDb.appDb, agencyB, (tx) => getAgencyTenant(tx, id))).toBeNull();
    expect((await withAgency(testDb.appDb, agencyB, (tx) => listAgencyTenants(tx, { limit: 100 }))).tenants).toEqual([]);
    const mine = await withAgency(testDb.appDb, agencyA, (tx) => getAgencyTenant(tx, id));
    expect(mine).toMatchObject({ slug: 'scope-a', customDomain: { hostname: 'scope-a.example', status: 'pending' } });
  });
  it("lets an agency read its own tenants' domains, never another agency's, and never widens a tenant's scope", async () => {
    const make = (agency: string, slug: string) =>
      withAgency(testDb.appDb, agency, (tx) =>
        createAgencyTenant(
          tx,
          { slug, name: slug, reportingCurrency: 'USD', timeZone: 'UTC', branding: {}, customDomain: `${slug}.example` },
          'test',
        ),
      );
    const one = await make(agencyA, 'domains-a1');
    await make(agencyA, 'domains-a2');
    await make(agencyB, 'domains-b1');
    const hostnames = async (agency: string, tenant?: string) =>
      withAgency(testDb.appDb, agency, async (tx) => {
        if (tenant) await tx.db.execute(sql`select set_config('app.tenant_id', ${tenant}, true)`);
        const rows = rowsOf<{ hostname: string }>(
          await tx.db.execute(sql`select hostname from tenant_domains where hostname like 'domains-%' order by hostname`),
        );
        return rows.map((r) => r.hostname);
      });
    expect(await hostnames(agencyA)).toEqual(['domains-a1.example', 'domains-a2.example']);
    expect(await hostnames(agencyB)).toEqual(['domains-b1.example']);
    expect(await hostnames(agencyA, one.ok ? one.tenant.id : '')).toEqual(['domains-a1.example']);
  });
});
