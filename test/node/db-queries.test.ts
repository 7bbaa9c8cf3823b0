import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/database';
import {
  claimLoginAttempt,
  createSession,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  getTenantForUser,
  listTenantsForUser,
  settleSuccessfulSignIn,
} from '../../db/queries/auth';
import { getOverviewKpis, listCampaignPerformance, listSpendByDay } from '../../db/queries/dashboard';
import { agencies, campaigns, tenants } from '../../db/schema';
import { createTestAdAccount, createTestTenant, createTestUser, insertTestStats, makeTestStatRows } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { randomToken, sha256Hex } from '../../worker/auth/password';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await startTestDatabase();
});
afterAll(async () => {
  await testDb?.stop();
});

describe('users and sessions', () => {
  it('finds a user by email regardless of case and whitespace', async () => {
    const { user } = await createTestUser(testDb.appDb, { email: 'Mixed.Case@Example.test' });
    expect((await findUserByEmail(testDb.appDb, '  mixed.case@example.TEST '))?.id).toBe(user.id);
    expect(await findUserByEmail(testDb.appDb, 'nobody@example.test')).toBeNull();
  });

  it('rejects a second user whose email differs only in case', async () => {
    await createTestUser(testDb.db, { email: 'dup@example.test' });
    await expect(createTestUser(testDb.db, { email: 'DUP@example.test' })).rejects.toSatisfy(
      (error: Error & { cause?: { code?: string; message?: string } }) =>
        error.cause?.code === '23505' && /unique constraint "users_email_lower_idx"/.test(error.cause.message ?? ''),
    );
  });

  it('resolves a session by token hash until it expires or is deleted', async () => {
    const { user } = await createTestUser(testDb.appDb);
    const tokenHash = await sha256Hex(randomToken());
    const now = new Date('2026-11-29T12:00:00Z');
    await createSession(testDb.appDb, {
      userId: user.id,
      tokenHash,
      expiresAt: new Date('2026-11-29T13:00:00Z'),
      ip: '203.0.113.5',
      userAgent: 'test',
    });
    expect(await findSessionUser(testDb.appDb, tokenHash, now)).toEqual({ id: user.id, email: user.email, name: user.name });
    expect(await findSessionUser(testDb.appDb, tokenHash, new Date('2026-11-29T13:00:01Z'))).toBeNull();
    expect(await findSessionUser(testDb.appDb, await sha256Hex('other'), now)).toBeNull();
    await deleteSession(testDb.appDb, tokenHash);
    expect(await findSessionUser(testDb.appDb, tokenHash, now)).toBeNull();
  });
});

describe('login throttling', () => {
  const start = new Date('2026-11-29T12:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const email = () => `email:${randomToken(6)}@example.test`;

  it('locks an email on its 5th attempt within 15 minutes, with a retry-after', async () => {
    const keys = [email()];
    for (let i = 0; i < 5; i++) expect(await claimLoginAttempt(testDb.appDb, keys, at(i))).toBeNull();
    const lock = await claimLoginAttempt(testDb.appDb, keys, at(5));
    expect(lock?.lockedUntil.toISOString()).toBe(at(19).toISOString());
    expect(lock?.retryAfterSeconds).toBe(14 * 60);
    expect(await claimLoginAttempt(testDb.appDb, keys, at(20))).toBeNull();
  });

  it('starts counting afresh once the window has passed', async () => {
    const keys = [email()];
    for (let i = 0; i < 4; i++) await claimLoginAttempt(testDb.appDb, keys, at(i));
    expect(await claimLoginAttempt(testDb.appDb, keys, at(16))).toBeNull();
    expect(await claimLoginAttempt(testDb.appDb, keys, at(16))).toBeNull();
  });

  it('allows 20 attempts per address before locking it, independently of the email', async () => {
    const ip = `ip:198.51.100.${Math.floor(Math.random() * 200)}-${randomToken(4)}`;
    for (let i = 0; i < 20; i++) expect(await claimLoginAttempt(testDb.appDb, [ip, email()], at(0))).toBeNull();
    expect(await claimLoginAttempt(testDb.appDb, [ip, email()], at(1))).not.toBeNull();
  });

  it('counts parallel attempts one after another: of 12 at once, 5 pass and 7 are refused', async () => {
    const keys = [email()];
    const locks = await Promise.all(Array.from({ length: 12 }, () => claimLoginAttempt(testDb.appDb, keys, at(0))));
    expect(locks.filter((lock) => lock === null)).toHaveLength(5);
  });

  it('after a success forgets the account’s failures but gives back only that attempt to the address', async () => {
    const keys = { account: email(), address: `ip:${randomToken(6)}` };
    for (let i = 0; i < 4; i++) await claimLoginAttempt(testDb.appDb, [keys.account, keys.address], at(0));
    await claimLoginAttempt(testDb.appDb, [keys.account, keys.address], at(0));
    await settleSuccessfulSignIn(testDb.appDb, keys);
    for (let i = 0; i < 5; i++) expect(await claimLoginAttempt(testDb.appDb, [keys.account], at(1))).toBeNull();
    // The address saw 4 failures and 1 success: 16 more reach its limit of 20.
    for (let i = 0; i < 16; i++) expect(await claimLoginAttempt(testDb.appDb, [keys.address], at(1))).toBeNull();
    expect(await claimLoginAttempt(testDb.appDb, [keys.address], at(1))).not.toBeNull();
  });
});

describe('tenant access', () => {
  it('lists direct tenants and every tenant of the user’s agencies, with the strongest role', async () => {
    const [agency] = await testDb.db.insert(agencies).values({ name: 'Agency' }).returning();
    await createTestTenant(testDb.db, { agencyId: agency!.id, name: 'Client One' });
    const clientTwo = await createTestTenant(testDb.db, { agencyId: agency!.id, name: 'Client Two' });
    const own = await createTestTenant(testDb.db, { name: 'Alpha Own' });
    await createTestTenant(testDb.db, { name: 'Someone else' });
    const { user } = await createTestUser(testDb.db, {
      agencyRoles: [{ agencyId: agency!.id, role: 'editor' }],
      tenantRoles: [
        { tenantId: own.id, role: 'viewer' },
        { tenantId: clientTwo.id, role: 'owner' },
      ],
    });
    const list = await listTenantsForUser(testDb.appDb, user.id);
    expect(list.map((t) => [t.name, t.role, t.via])).toEqual([
      ['Alpha Own', 'viewer', 'tenant'],
      ['Client One', 'editor', 'agency'],
      ['Client Two', 'owner', 'tenant'],
    ]);
  });

  it('opens a tenant by id or slug only for users with access, and hides archived ones', async () => {
    const tenant = await createTestTenant(testDb.db);
    const other = await createTestTenant(testDb.db);
    const { user } = await createTestUser(testDb.db, { tenantRoles: [{ tenantId: tenant.id, role: 'admin' }] });
    expect((await getTenantForUser(testDb.appDb, user.id, tenant.id))?.slug).toBe(tenant.slug);
    expect((await getTenantForUser(testDb.appDb, user.id, tenant.slug))?.id).toBe(tenant.id);
    expect(await getTenantForUser(testDb.appDb, user.id, other.id)).toBeNull();
    expect(await getTenantForUser(testDb.appDb, user.id, other.slug)).toBeNull();
    expect(await getTenantForUser(testDb.appDb, user.id, 'no-such-tenant')).toBeNull();
    await testDb.db.update(tenants).set({ status: 'archived' }).where(eq(tenants.id, tenant.id));
    expect(await getTenantForUser(testDb.appDb, user.id, tenant.id)).toBeNull();
  });
});

describe('dashboard queries', () => {
  it('total per currency, per day and per campaign from the rollups, for this tenant only', async () => {
    const tenant = await createTestTenant(testDb.db);
    const usd = await createTestAdAccount(testDb.db, tenant.id, { currency: 'USD', platform: 'meta' });
    const eur = await createTestAdAccount(testDb.db, tenant.id, { currency: 'EUR', platform: 'google_ads' });
    const usdRows = makeTestStatRows({ from: '2026-10-01', days: 5, ads: 3 });
    const eurRows = makeTestStatRows({ from: '2026-10-03', days: 5, ads: 2, scale: 2 });
    await insertTestStats(testDb.db, tenant.id, usd.id, usdRows);
    await insertTestStats(testDb.db, tenant.id, eur.id, eurRows);
    await testDb.db
      .insert(campaigns)
      .values({ tenantId: tenant.id, adAccountId: usd.id, externalId: 'c0', name: 'Spring sale', status: 'ACTIVE' });
    const stranger = await createTestTenant(testDb.db);
    const strangerAccount = await createTestAdAccount(testDb.db, stranger.id);
    await insertTestStats(testDb.db, stranger.id, strangerAccount.id, makeTestStatRows({ from: '2026-10-01', days: 5, scale: 7 }));

    const range = { from: '2026-10-02', to: '2026-10-05' };
    const within = (rows: typeof usdRows) => rows.filter((r) => r.date >= range.from && r.date <= range.to);
    const sum = (rows: typeof usdRows, key: 'spendMicros' | 'clicks' | 'impressions') => rows.reduce((s, r) => s + r[key], 0);

    const kpis = await withTenant(testDb.appDb, tenant.id, (tx) => getOverviewKpis(tx, range));
    expect(kpis.map((k) => k.currency)).toEqual(['EUR', 'USD']);
    expect(kpis[1]).toMatchObject({ spendMicros: sum(within(usdRows), 'spendMicros'), clicks: sum(within(usdRows), 'clicks') });
    expect(kpis[0]).toMatchObject({ spendMicros: sum(within(eurRows), 'spendMicros'), impressions: sum(within(eurRows), 'impressions') });
    expect(kpis[1]!.conversions).toBeCloseTo(
      within(usdRows).reduce((s, r) => s + r.conversions, 0),
      6,
    );

    const onlyUsd = await withTenant(testDb.appDb, tenant.id, (tx) => getOverviewKpis(tx, { ...range, adAccountIds: [usd.id] }));
    expect(onlyUsd.map((k) => k.currency)).toEqual(['USD']);
    expect(await withTenant(testDb.appDb, tenant.id, (tx) => getOverviewKpis(tx, { ...range, adAccountIds: [] }))).toEqual([]);

    const days = await withTenant(testDb.appDb, tenant.id, (tx) => listSpendByDay(tx, range));
    expect(days.map((d) => `${d.date} ${d.currency}`)).toEqual([
      '2026-10-02 USD',
      '2026-10-03 EUR',
      '2026-10-03 USD',
      '2026-10-04 EUR',
      '2026-10-04 USD',
      '2026-10-05 EUR',
      '2026-10-05 USD',
    ]);
    expect(days[0]!.spendMicros).toBe(
      sum(
        usdRows.filter((r) => r.date === '2026-10-02'),
        'spendMicros',
      ),
    );

    const performance = await withTenant(testDb.appDb, tenant.id, (tx) => listCampaignPerformance(tx, range));
    expect(performance).toHaveLength(4);
    expect(performance.map((p) => p.spendMicros)).toEqual([...performance.map((p) => p.spendMicros)].sort((a, b) => b - a));
    const spring = performance.find((p) => p.adAccountId === usd.id && p.campaignId === 'c0');
    expect(spring).toMatchObject({ campaignName: 'Spring sale', platform: 'meta', currency: 'USD' });
    expect(spring!.spendMicros).toBe(
      sum(
        within(usdRows).filter((r) => r.campaignId === 'c0'),
        'spendMicros',
      ),
    );
    expect(performance.find((p) => p.adAccountId === eur.id && p.campaignId === 'c1')?.campaignName).toBe('c1');
    expect(performance.every((p) => p.adAccountId !== strangerAccount.id)).toBe(true);
  });
});
