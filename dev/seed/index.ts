import { pathToFileURL } from 'node:url';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { createNodeDb } from '../../db/node-client';
import { adAccounts, agencies, connections, memberships, tenants, users } from '../../db/schema';
import { hashPassword } from '../../worker/auth/password';
import { DEMO_AGENCY, DEMO_LOGINS, DEMO_TENANTS, LEGACY_DIRECT_ACCOUNT_IDS } from './demo-data';
import { smallCastAccounts } from './small-cast';

export type SeedResult = { logins: { email: string; password: string; description: string }[] };

async function seedIdentity(db: Database): Promise<void> {
  await db
    .insert(agencies)
    .values(DEMO_AGENCY)
    .onConflictDoUpdate({ target: agencies.id, set: { name: DEMO_AGENCY.name } });
  for (const tenant of DEMO_TENANTS) {
    const { name, reportingCurrency, timeZone, branding } = tenant;
    await db
      .insert(tenants)
      .values({ ...tenant, agencyId: DEMO_AGENCY.id })
      .onConflictDoUpdate({ target: tenants.id, set: { name, reportingCurrency, timeZone, branding } });
  }
  for (const login of DEMO_LOGINS) {
    // Re-hashed on every run so the printed demo passwords always work.
    const passwordHash = await hashPassword(login.password);
    await db
      .insert(users)
      .values({ id: login.userId, email: login.email, name: login.name, passwordHash })
      .onConflictDoUpdate({ target: users.id, set: { email: login.email, name: login.name, passwordHash } });
    const existing = await db.execute(sql`select 1 from ${memberships} where user_id = ${login.userId}`);
    if ((existing as unknown as { rowCount: number }).rowCount === 0) {
      await db.insert(memberships).values({ userId: login.userId, ...login.membership });
    }
  }
}

/** Returns how many directly-seeded accounts (from older seeds) were removed. */
async function dropLegacyDirectAccounts(db: Database): Promise<number> {
  const removed = await db
    .delete(adAccounts)
    .where(and(inArray(adAccounts.id, [...LEGACY_DIRECT_ACCOUNT_IDS]), isNull(adAccounts.connectionId)))
    .returning({ id: adAccounts.id });
  return removed.length;
}

/**
 * A .dev-data kept from before the showcase roster has the small cast's accounts connected beside
 * the showcase ones: they go (facts and rollups by cascade), and so do their connections once
 * empty, so the demo tenants show the roster only. Returns how many accounts went.
 */
async function dropSmallCastAccounts(db: Database): Promise<number> {
  const tenantIds = DEMO_TENANTS.map((t) => t.id);
  let removed = 0;
  for (const { platform, externalId } of smallCastAccounts()) {
    const gone = await db
      .delete(adAccounts)
      .where(and(inArray(adAccounts.tenantId, tenantIds), eq(adAccounts.platform, platform), eq(adAccounts.externalId, externalId)))
      .returning({ connectionId: adAccounts.connectionId });
    removed += gone.length;
    const emptied = gone.flatMap((a) => (a.connectionId ? [a.connectionId] : []));
    if (emptied.length)
      await db
        .delete(connections)
        .where(
          and(
            inArray(connections.id, emptied),
            sql`not exists (select 1 from ${adAccounts} where ${adAccounts.connectionId} = ${connections.id})`,
          ),
        );
  }
  return removed;
}

/**
 * Idempotent demo identity: the Northwind Digital agency, its clients Partner A (USD,
 * America/New_York) and Partner B (EUR, Europe/Berlin) with their branding, and three logins.
 * No ad accounts or stats: those arrive through the real OAuth connect and sync pipeline
 * (dev/demo), exactly as they would for a customer.
 */
export async function seedDemo(superuserUrl: string): Promise<SeedResult> {
  const { db, close } = createNodeDb(superuserUrl, 1);
  try {
    await seedIdentity(db);
    // The e2e tests seed first and connect the small cast afterwards, so this never drops theirs.
    if ((await dropLegacyDirectAccounts(db)) + (await dropSmallCastAccounts(db)) > 0) {
      await db.execute(sql`update ${tenants} set data_version = data_version + 1 where agency_id = ${DEMO_AGENCY.id}`);
    }
  } finally {
    await close();
  }
  return { logins: DEMO_LOGINS.map(({ email, password, description }) => ({ email, password, description })) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL (a superuser/owner URL of a migrated database) is not set');
    process.exit(1);
  }
  const { logins } = await seedDemo(databaseUrl);
  console.log('Demo logins:');
  for (const l of logins) console.log(`  ${l.email.padEnd(28)} ${l.password.padEnd(16)} ${l.description}`);
}
