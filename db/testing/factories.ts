import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../worker/auth/password';
import { type Database, withTenant } from '../database';
import { type DailyStatRow, rebuildRollups, upsertDailyStats } from '../queries/ingest';
import { adAccounts, type MembershipRole, memberships, type Platform, tenants, users } from '../schema';

type TenantRow = typeof tenants.$inferSelect;
type AdAccountRow = typeof adAccounts.$inferSelect;

const shortId = () => randomUUID().slice(0, 8);

/** A tenant of its own for one test suite (unique slug every call). */
export async function createTestTenant(db: Database, overrides: Partial<typeof tenants.$inferInsert> = {}): Promise<TenantRow> {
  const suffix = shortId();
  const [tenant] = await db
    .insert(tenants)
    .values({ slug: `test-${suffix}`, name: `Test tenant ${suffix}`, reportingCurrency: 'USD', timeZone: 'UTC', ...overrides })
    .returning();
  return tenant!;
}

export type TestUserOptions = Partial<typeof users.$inferInsert> & {
  password?: string;
  tenantRoles?: Array<{ tenantId: string; role: MembershipRole }>;
  agencyRoles?: Array<{ agencyId: string; role: MembershipRole }>;
};

/** A user with a hashed password and optional memberships; returns the plaintext password too. */
export async function createTestUser(db: Database, options: TestUserOptions = {}) {
  const { password = `pw-${randomUUID()}`, tenantRoles = [], agencyRoles = [], ...overrides } = options;
  const [user] = await db
    .insert(users)
    .values({ email: `user-${shortId()}@example.test`, name: 'Test User', passwordHash: await hashPassword(password), ...overrides })
    .returning();
  const rows = [
    ...tenantRoles.map(({ tenantId, role }) => ({ userId: user!.id, tenantId, role })),
    ...agencyRoles.map(({ agencyId, role }) => ({ userId: user!.id, agencyId, role })),
  ];
  if (rows.length > 0) await db.insert(memberships).values(rows);
  return { user: user!, password };
}

export async function createTestAdAccount(
  db: Database,
  tenantId: string,
  overrides: Partial<typeof adAccounts.$inferInsert> & { platform?: Platform } = {},
): Promise<AdAccountRow> {
  const [account] = await db
    .insert(adAccounts)
    .values({
      tenantId,
      platform: 'meta',
      externalId: `act_${Math.floor(Math.random() * 1e12)}`,
      name: 'Test account',
      currency: 'USD',
      timeZone: 'UTC',
      ...overrides,
    })
    .returning();
  return account!;
}

/** Deterministic facts: `days` days from `from`, `ads` ads over two campaigns. */
export function makeTestStatRows(options: { from: string; days: number; ads?: number; scale?: number }): DailyStatRow[] {
  const { from, days, ads = 3, scale = 1 } = options;
  const rows: DailyStatRow[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let a = 0; a < ads; a++) {
      const impressions = (1000 + 97 * d + 131 * a) * scale;
      rows.push({
        campaignId: `c${a % 2}`,
        adGroupId: `g${a % 2}`,
        adId: `ad${a}`,
        date,
        impressions,
        clicks: Math.floor(impressions / 37),
        spendMicros: (12_340_000 + 1_000_000 * d + 250_000 * a) * scale,
        conversions: ((d + a) % 5) * 0.5,
        conversionValueMicros: ((d + a) % 5) * 20_000_000,
      });
    }
  }
  return rows;
}

/** Upserts the rows and rebuilds the rollups over the dates they cover. */
export async function insertTestStats(db: Database, tenantId: string, adAccountId: string, rows: DailyStatRow[]): Promise<void> {
  if (rows.length === 0) return;
  const dates = rows.map((r) => r.date).sort();
  await withTenant(db, tenantId, async (tx) => {
    await upsertDailyStats(tx, adAccountId, rows);
    await rebuildRollups(tx, adAccountId, dates[0]!, dates[dates.length - 1]!);
  });
}
