import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../database';
import { authThrottle } from '../schema';
import { decideAttempt, type LoginLock, refundAttempt, type ThrottleCounter } from './login-throttle-policy';

export type { LoginLock } from './login-throttle-policy';

/**
 * Decides one sign-in attempt atomically: locks the keys' rows (creating them), refuses while any
 * is locked, otherwise counts the attempt against every key (decideAttempt). Parallel attempts on
 * a key queue behind its row lock, so each sees the count the one before it left. Keys are locked
 * in sorted order, so two attempts sharing keys cannot deadlock.
 */
export async function claimLoginAttempt(db: Database, keys: string[], now: Date): Promise<LoginLock | null> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return null;
  return db.transaction(async (tx) => {
    await tx
      .insert(authThrottle)
      .values(sorted.map((key) => ({ key, failures: 0, windowStartedAt: now })))
      .onConflictDoNothing({ target: authThrottle.key });
    const counters: ThrottleCounter[] = await tx
      .select()
      .from(authThrottle)
      .where(inArray(authThrottle.key, sorted))
      .orderBy(authThrottle.key)
      .for('update');
    const decision = decideAttempt(counters, now);
    if (decision.kind === 'locked') return decision.lock;
    for (const counter of decision.counters) {
      await tx
        .update(authThrottle)
        .set({ failures: counter.failures, windowStartedAt: counter.windowStartedAt, lockedUntil: counter.lockedUntil })
        .where(eq(authThrottle.key, counter.key));
    }
    return null;
  });
}

/**
 * After a successful sign-in: forgets the account's failures, and gives back to the address only
 * the one failure this attempt was counted as. The address's other failures stay, so signing in to
 * one's own account never resets the count of guesses made from that address at other accounts.
 */
export async function settleSuccessfulSignIn(db: Database, keys: { account: string; address: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(authThrottle).where(eq(authThrottle.key, keys.account));
    const [counter] = await tx.select().from(authThrottle).where(eq(authThrottle.key, keys.address)).for('update');
    if (!counter) return;
    const refunded = refundAttempt(counter);
    await tx
      .update(authThrottle)
      .set({ failures: refunded.failures, lockedUntil: refunded.lockedUntil })
      .where(eq(authThrottle.key, keys.address));
  });
}
