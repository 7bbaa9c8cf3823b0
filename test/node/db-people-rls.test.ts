import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf, withAgency, withTenant, withUser } from '../../db/database';
import { findInvitationByTokenHash } from '../../db/queries/invitations';
import { findUsableReset } from '../../db/queries/password-resets';
import { agencies } from '../../db/schema';
import { createTestTenant, createTestUser } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

let testDb: TestDatabase;
let tenantA: string;
let tenantB: string;
let agencyId: string;
let userA: string;
let userB: string;
const hashes = { tenantA: randomUUID(), tenantB: randomUUID(), agency: randomUUID(), resetA: randomUUID(), resetB: randomUUID() };

beforeAll(async () => {
  testDb = await startTestDatabase();
  const db = testDb.db;
  tenantA = (await createTestTenant(db)).id;
  tenantB = (await createTestTenant(db)).id;
  const [agency] = await db.insert(agencies).values({ name: 'People agency' }).returning();
  agencyId = agency!.id;
  userA = (await createTestUser(db)).user.id;
  userB = (await createTestUser(db)).user.id;
  const invite = (scope: string, column: 'tenant_id' | 'agency_id', id: string, hash: string) =>
    db.execute(
      sql`insert into invitations (${sql.raw(column)}, email, role, token_hash, expires_at) values (${id}, ${`${scope}@invited.example`}, 'admin', ${hash}, now() + interval '7 days')`,
    );
  await invite('a', 'tenant_id', tenantA, hashes.tenantA);
  await invite('b', 'tenant_id', tenantB, hashes.tenantB);
  await invite('agency', 'agency_id', agencyId, hashes.agency);
  for (const [userId, hash] of [
    [userA, hashes.resetA],
    [userB, hashes.resetB],
  ] as const) {
    await db.execute(
      sql`insert into password_resets (user_id, token_hash, expires_at) values (${userId}, ${hash}, now() + interval '1 hour')`,
    );
  }
}, 120_000);

afterAll(async () => {
  await testDb?.stop();
});

const emails = async (db: Database) =>
  rowsOf<{ email: string }>(await db.execute(sql`select email from invitations order by email`)).map((r) => r.email);
const resetOwners = async (db: Database) =>
  rowsOf<{ user_id: string }>(await db.execute(sql`select user_id from password_resets`)).map((r) => r.user_id);

describe('invitations under row-level security', () => {
  it('shows the application role no invitation without a scope', async () => {
    expect(await emails(testDb.appDb)).toEqual([]);
  });

  it("shows a tenant scope only its own invitations, and an agency scope only the agency's own", async () => {
    expect(await withTenant(testDb.appDb, tenantA, (tx) => emails(tx.db))).toEqual(['a@invited.example']);
    expect(await withAgency(testDb.appDb, agencyId, (tx) => emails(tx.db))).toEqual(['agency@invited.example']);
  });

  it('finds exactly the invitation of a token hash, and nothing for an unknown hash', async () => {
    expect((await findInvitationByTokenHash(testDb.appDb, hashes.tenantB))?.email).toBe('b@invited.example');
    expect(await findInvitationByTokenHash(testDb.appDb, randomUUID())).toBeNull();
  });

  it("refuses writing another tenant's invitation from a tenant scope", async () => {
    await expect(
      withTenant(testDb.appDb, tenantA, (tx) =>
        tx.db.execute(sql`update invitations set role = 'viewer' where token_hash = ${hashes.tenantB} returning id`).then(rowsOf),
      ),
    ).resolves.toEqual([]);
    await expect(
      withTenant(testDb.appDb, tenantA, (tx) =>
        tx.db.execute(
          sql`insert into invitations (tenant_id, email, role, token_hash, expires_at) values (${tenantB}, 'x@y.example', 'admin', ${randomUUID()}, now())`,
        ),
      ),
    ).rejects.toThrow();
  });
});

describe('password resets under row-level security', () => {
  it("shows a user scope only that user's resets, and none without a scope", async () => {
    expect(await resetOwners(testDb.appDb)).toEqual([]);
    expect(await withUser(testDb.appDb, userA, (tx) => resetOwners(tx))).toEqual([userA]);
  });

  it('finds the user of a usable reset hash only', async () => {
    expect((await findUsableReset(testDb.appDb, hashes.resetB, new Date()))?.userId).toBe(userB);
    expect(await findUsableReset(testDb.appDb, hashes.resetB, new Date(Date.now() + 2 * 3600_000))).toBeNull();
    expect(await findUsableReset(testDb.appDb, randomUUID(), new Date())).toBeNull();
  });
});
