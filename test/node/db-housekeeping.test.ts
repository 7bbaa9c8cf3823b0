import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { purgeExpiredSessions, purgeFinishedLinks, purgeStaleLoginThrottles } from '../../db/queries/housekeeping';
import { LOCKOUT_MS, THROTTLE_WINDOW_MS } from '../../db/queries/login-throttle-policy';
import { createTestTenant, createTestUser } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

const now = new Date('2026-11-29T15:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
let testDb: TestDatabase;
let userId: string;

async function sessionIds(): Promise<string[]> {
  return rowsOf<{ id: string }>(await testDb.db.execute(sql`select id from sessions order by id`)).map((r) => r.id);
}

async function throttleKeys(): Promise<string[]> {
  return rowsOf<{ key: string }>(await testDb.db.execute(sql`select key from auth_throttle order by key`)).map((r) => r.key);
}

async function insertSession(id: string, expiresAt: Date): Promise<void> {
  await testDb.db.execute(sql`insert into sessions (id, user_id, expires_at) values (${id}, ${userId}, ${expiresAt})`);
}

async function insertThrottle(key: string, windowStartedAt: Date, lockedUntil: Date | null): Promise<void> {
  await testDb.db.execute(
    sql`insert into auth_throttle (key, failures, window_started_at, locked_until) values (${key}, 3, ${windowStartedAt}, ${lockedUntil})`,
  );
}

beforeAll(async () => {
  testDb = await startTestDatabase();
  userId = (await createTestUser(testDb.db)).user.id;
});
beforeEach(async () => {
  await testDb.db.execute(sql`delete from sessions`);
  await testDb.db.execute(sql`delete from auth_throttle`);
});
afterAll(async () => {
  await testDb?.stop();
});

describe('purgeExpiredSessions (as the application role)', () => {
  it('deletes sessions that expired and keeps those still valid', async () => {
    await insertSession('expired-long-ago', at(-30 * 86_400_000));
    await insertSession('expired-just-now', at(0));
    await insertSession('valid-one-second-more', at(1000));
    await insertSession('valid-for-days', at(7 * 86_400_000));
    expect(await purgeExpiredSessions(testDb.appDb, now, 100)).toBe(2);
    expect(await sessionIds()).toEqual(['valid-for-days', 'valid-one-second-more']);
  });

  it('deletes at most `limit` sessions per run, the oldest first, and the next run goes on', async () => {
    for (let i = 0; i < 5; i++) await insertSession(`expired-${i}`, at(-(i + 1) * 60_000));
    await insertSession('valid', at(60_000));
    expect(await purgeExpiredSessions(testDb.appDb, now, 2)).toBe(2);
    expect(await sessionIds()).toEqual(['expired-0', 'expired-1', 'expired-2', 'valid']);
    expect(await purgeExpiredSessions(testDb.appDb, now, 2)).toBe(2);
    expect(await purgeExpiredSessions(testDb.appDb, now, 2)).toBe(1);
    expect(await sessionIds()).toEqual(['valid']);
  });
});

describe('purgeStaleLoginThrottles (as the application role)', () => {
  it('deletes counters whose window ended and that hold no lock in force', async () => {
    await insertThrottle('email:window-over@example.test', at(-THROTTLE_WINDOW_MS), null);
    await insertThrottle('ip:lock-lifted', at(-THROTTLE_WINDOW_MS - LOCKOUT_MS), at(-1000));
    await insertThrottle('email:window-open@example.test', at(-THROTTLE_WINDOW_MS + 1000), null);
    await insertThrottle('ip:still-locked', at(-THROTTLE_WINDOW_MS - 60_000), at(60_000));
    expect(await purgeStaleLoginThrottles(testDb.appDb, now, 100)).toBe(2);
    expect(await throttleKeys()).toEqual(['email:window-open@example.test', 'ip:still-locked']);
  });

  it('deletes at most `limit` counters per run', async () => {
    for (let i = 0; i < 4; i++) await insertThrottle(`ip:stale-${i}`, at(-THROTTLE_WINDOW_MS - i * 60_000), null);
    expect(await purgeStaleLoginThrottles(testDb.appDb, now, 3)).toBe(3);
    expect(await throttleKeys()).toHaveLength(1);
  });
});

describe('purgeFinishedLinks (as the application role)', () => {
  const day = 86_400_000;
  const hash = () => crypto.randomUUID().replaceAll('-', '').repeat(2);

  async function insertInvitation(tenantId: string, label: string, times: { expires: Date; accepted?: Date; revoked?: Date }) {
    await testDb.db.execute(sql`
      insert into invitations (tenant_id, email, role, token_hash, expires_at, accepted_at, revoked_at)
      values (${tenantId}, ${`${label}@purge.test`}, 'viewer', ${hash()}, ${times.expires}, ${times.accepted ?? null}, ${times.revoked ?? null})`);
  }

  async function insertReset(times: { expires: Date; used?: Date }) {
    const [row] = rowsOf<{ id: string }>(
      await testDb.db.execute(sql`
        insert into password_resets (user_id, token_hash, expires_at, used_at)
        values (${userId}, ${hash()}, ${times.expires}, ${times.used ?? null}) returning id`),
    );
    return row!.id;
  }

  it('deletes invitations and reset links that ended over 30 days ago and keeps recent or still usable ones', async () => {
    const tenant = await createTestTenant(testDb.db);
    await testDb.db.execute(sql`delete from invitations`);
    await testDb.db.execute(sql`delete from password_resets`);
    await insertInvitation(tenant.id, 'expired-long-ago', { expires: at(-40 * day) });
    await insertInvitation(tenant.id, 'accepted-long-ago', { expires: at(-25 * day), accepted: at(-31 * day) });
    await insertInvitation(tenant.id, 'revoked-recently', { expires: at(-20 * day), revoked: at(-29 * day) });
    await insertInvitation(tenant.id, 'pending', { expires: at(5 * day) });
    const oldReset = await insertReset({ expires: at(-31 * day) });
    const usedLongAgo = await insertReset({ expires: at(-30 * day - 3_600_000), used: at(-30 * day - 7_200_000) });
    const recent = await insertReset({ expires: at(-2 * day) });
    const usable = await insertReset({ expires: at(3_600_000) });

    expect(await purgeFinishedLinks(testDb.appDb, now, 100)).toEqual({ invitations: 2, passwordResets: 2 });

    const emails = rowsOf<{ email: string }>(await testDb.db.execute(sql`select email from invitations order by email`)).map(
      (r) => r.email,
    );
    expect(emails).toEqual(['pending@purge.test', 'revoked-recently@purge.test']);
    const resets = rowsOf<{ id: string }>(await testDb.db.execute(sql`select id from password_resets`)).map((r) => r.id);
    expect(resets.sort()).toEqual([recent, usable].sort());
    expect(resets).not.toContain(oldReset);
    expect(resets).not.toContain(usedLongAgo);
  });

  it('cannot see or delete a usable link even in the housekeeping scope', async () => {
    await testDb.db.execute(sql`delete from password_resets`);
    // The policy reads the database clock: usable means an hour from the real now.
    const usable = await insertReset({ expires: new Date(Date.now() + 3_600_000) });
    const seen = await testDb.appDb.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.housekeeping', 'purge', true)`);
      await tx.execute(sql`delete from password_resets`);
      return rowsOf<{ id: string }>(await tx.execute(sql`select id from password_resets`));
    });
    expect(seen).toEqual([]);
    const kept = rowsOf<{ id: string }>(await testDb.db.execute(sql`select id from password_resets`)).map((r) => r.id);
    expect(kept).toEqual([usable]);
  });
});
