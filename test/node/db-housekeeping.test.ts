import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { purgeExpiredSessions, purgeStaleLoginThrottles } from '../../db/queries/housekeeping';
import { LOCKOUT_MS, THROTTLE_WINDOW_MS } from '../../db/queries/login-throttle-policy';
import { createTestUser } from '../../db/testing/factories';
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
