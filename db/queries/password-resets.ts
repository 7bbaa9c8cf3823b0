/**
 * Password-reset links: the token's SHA-256 only, single use, one hour. Written in the user's scope
 * (app.user_id, withUser); a reset link finds its row by the hash (policy token_lookup).
 */
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { type Database, withUser } from '../database';
import { passwordResets, sessions, users } from '../schema';
import { recordUserAudit } from './members';

/** Stores a reset link for the user (earlier unused ones stop working) and audits the request, in one transaction. */
export async function createPasswordReset(
  db: Database,
  reset: { userId: string; tokenHash: string; expiresAt: Date; ip: string },
  now: Date,
): Promise<void> {
  await withUser(db, reset.userId, async (tx) => {
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await tx.insert(passwordResets).values({ userId: reset.userId, tokenHash: reset.tokenHash, expiresAt: reset.expiresAt });
    await recordUserAudit(tx, reset.userId, {
      action: 'password_reset.requested',
      target: reset.userId,
      actorUserId: null,
      details: { ip: reset.ip },
    });
  });
}

/** The user a reset token would reset, while it is unused and unexpired; null otherwise. */
export async function findUsableReset(db: Database, tokenHash: string, now: Date): Promise<{ userId: string; email: string } | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.password_reset_token_hash', ${tokenHash}, true)`);
    const [row] = await tx
      .select({ userId: passwordResets.userId, email: users.email })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)));
    return row ?? null;
  });
}

export interface CompletedReset {
  userId: string;
  /** The sessions it ended (their ids, to close their sockets). */
  endedSessionIds: string[];
}

/**
 * Uses a reset token once: sets the new password hash, ends every session of the user but
 * `keepSessionId`, and audits it, all in one transaction. Null when the token is unknown, used or expired.
 */
export async function completePasswordReset(
  db: Database,
  reset: { tokenHash: string; passwordHash: string; keepSessionId: string | null; ip: string },
  now: Date,
): Promise<CompletedReset | null> {
  const found = await findUsableReset(db, reset.tokenHash, now);
  if (!found) return null;
  return withUser(db, found.userId, async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, reset.tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!used) return null;
    await tx.update(users).set({ passwordHash: reset.passwordHash }).where(eq(users.id, used.userId));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, used.userId), reset.keepSessionId ? ne(sessions.id, reset.keepSessionId) : undefined))
      .returning({ id: sessions.id });
    await recordUserAudit(tx, used.userId, {
      action: 'password_reset.completed',
      target: used.userId,
      actorUserId: used.userId,
      details: { ip: reset.ip, sessionsEnded: ended.length },
    });
    return { userId: used.userId, endedSessionIds: ended.map((s) => s.id) };
  });
}
