import { sql } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import type { Database } from '../../db/database';
import { createNodeDb } from '../../db/node-client';
import { rebuildRollups, upsertDailyStats } from '../../db/queries/ingest';
import { adAccounts, adGroups, ads, agencies, campaigns, memberships, tenants, users } from '../../db/schema';
import { hashPassword } from '../../worker/auth/password';
import {
  DEMO_AD_ACCOUNTS, DEMO_AGENCY, DEMO_HISTORY_DAYS, DEMO_LOGINS, DEMO_TENANTS,
  dateRangeEndingOn, demoEntities, demoStatRows, localDate, type DemoAdAccount,
} from './demo-data';

export type SeedResult = { logins: { email: string; password: string; description: string }[] };

async function seedIdentity(db: Database): Promise<void> {
  await db.insert(agencies).values(DEMO_AGENCY).onConflictDoUpdate({ target: agencies.id, set: { name: DEMO_AGENCY.name } });
  for (const tenant of DEMO_TENANTS) {
    await db
      .insert(tenants)
      .values({ ...tenant, agencyId: DEMO_AGENCY.id })
      .onConflictDoUpdate({ target: tenants.id, set: { name: tenant.name, reportingCurrency: tenant.reportingCurrency, timeZone: tenant.timeZone } });
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

async function seedAccount(db: Database, account: DemoAdAccount, now: Date): Promise<void> {
  const { dailySpendPerAd: _spend, ...row } = account;
  await db
    .insert(adAccounts)
    .values({ ...row, backfillFrom: null })
    .onConflictDoUpdate({ target: adAccounts.id, set: { name: row.name, currency: row.currency, timeZone: row.timeZone } });
  const { tenantId, id: adAccountId } = account;
  const entities = demoEntities(account);
  const base = { tenantId, adAccountId };
  const latest = { name: sql`excluded.name`, status: sql`excluded.status`, updatedAt: sql`now()` };
  await db.insert(campaigns).values(entities.campaigns.map((c) => ({ ...base, ...c })))
    .onConflictDoUpdate({ target: [campaigns.tenantId, campaigns.adAccountId, campaigns.externalId], set: latest });
  await db.insert(adGroups).values(entities.adGroups.map((g) => ({ ...base, ...g })))
    .onConflictDoUpdate({ target: [adGroups.tenantId, adGroups.adAccountId, adGroups.externalId], set: latest });
  await db.insert(ads).values(entities.ads.map((a) => ({ ...base, ...a })))
    .onConflictDoUpdate({ target: [ads.tenantId, ads.adAccountId, ads.externalId], set: latest });

  const dates = dateRangeEndingOn(localDate(now, account.timeZone), DEMO_HISTORY_DAYS);
  await db.transaction(async (tx) => {
    await upsertDailyStats(tx, tenantId, adAccountId, demoStatRows(account, dates));
    await rebuildRollups(tx, tenantId, adAccountId, dates[0]!, dates[dates.length - 1]!);
  });
}

/**
 * Idempotent demo data: the Northwind Digital agency, its clients Partner A (Meta + Google, USD)
 * and Partner B (Google + LinkedIn, EUR), three logins, and six weeks of deterministic daily stats
 * inserted directly (until the sync pipeline fills them through the fakes). The accounts have no
 * connection yet, so the scheduler leaves them alone.
 */
export async function seedDemo(superuserUrl: string, options: { now?: Date } = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const { db, close } = createNodeDb(superuserUrl, 1);
  try {
    await seedIdentity(db);
    for (const account of DEMO_AD_ACCOUNTS) await seedAccount(db, account, now);
    await db.execute(sql`update ${tenants} set data_version = data_version + 1 where agency_id = ${DEMO_AGENCY.id}`);
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
