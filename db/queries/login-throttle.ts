import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { authThrottle } from '../schema';
import { activeLock, failureLimitFor, LOCKOUT_MS, type LoginLock, THROTTLE_WINDOW_MS } from './login-throttle-policy';

export type { LoginLock } from './login-throttle-policy';

/**
 * Counts one failed sign-in against each key ('email:…', 'ip:…'). Atomic per key, so concurrent
 * failures cannot undercount; a key that reaches its limit is locked for LOCKOUT_MS.
 */
export async function recordLoginFailure(db: Database, keys: string[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
  for (const key of new Set(keys)) {
    const limit = failureLimitFor(key);
    const windowExpired = sql`${authThrottle.windowStartedAt} <= ${windowStart}`;
    const nextFailures = sql`case when ${windowExpired} then 1 else ${authThrottle.failures} + 1 end`;
    await db
      .insert(authThrottle)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockedUntil : null })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: nextFailures,
          windowStartedAt: sql`case when ${windowExpired} then ${now} else ${authThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when ${nextFailures} >= ${limit} then ${lockedUntil} else ${authThrottle.lockedUntil} end`,
        },
      });
  }
}

/** Forgets the failures of these keys (after a successful sign-in). */
export async function clearLoginFailures(db: Database, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.delete(authThrottle).where(inArray(authThrottle.key, keys));
}

/** The lock in force for any of the keys at `now`, with the seconds until it lifts, or null. */
export async function getLoginLock(db: Database, keys: string[], now: Date): Promise<LoginLock | null> {
  if (keys.length === 0) return null;
  const rows = await db.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(inArray(authThrottle.key, keys));
  return activeLock(
    rows.map((r) => r.lockedUntil),
    now,
  );
}
