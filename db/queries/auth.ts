import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { sessions, users } from '../schema';

export { claimLoginAttempt, type LoginLock, settleSuccessfulSignIn } from './login-throttle';
export { getTenantForUser, listTenantsForUser, type TenantAccess } from './tenant-access';

export type UserWithPassword = { id: string; email: string; name: string; passwordHash: string | null };
export type SessionUser = { id: string; email: string; name: string };

/** Case-insensitive lookup (emails are unique by lower(email)). */
export async function findUserByEmail(db: Database, email: string): Promise<UserWithPassword | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  return user ?? null;
}

export type NewSession = { userId: string; tokenHash: string; expiresAt: Date; ip: string | null; userAgent: string | null };

/** Stores a session under the SHA-256 hex of its token; the token itself is never stored. */
export async function createSession(db: Database, session: NewSession): Promise<void> {
  await db.insert(sessions).values({
    id: session.tokenHash,
    userId: session.userId,
    expiresAt: session.expiresAt,
    ip: session.ip,
    userAgent: session.userAgent,
  });
}

/** The user behind an unexpired session, or null. */
export async function findSessionUser(db: Database, tokenHash: string, now: Date = new Date()): Promise<SessionUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, tokenHash), gt(sessions.expiresAt, now)));
  return user ?? null;
}

/** Deletes a session; returns whose it was, or null when there was none. */
export async function deleteSession(db: Database, tokenHash: string): Promise<{ userId: string } | null> {
  const [deleted] = await db.delete(sessions).where(eq(sessions.id, tokenHash)).returning({ userId: sessions.userId });
  return deleted ?? null;
}

export interface UserSession {
  /** The SHA-256 of the token: never leaves the server (worker/auth/sessions.ts shows a handle instead). */
  id: string;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** The user's unexpired sessions, newest first. */
export async function listUserSessions(db: Database, userId: string, now: Date = new Date()): Promise<UserSession[]> {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(sql`${sessions.createdAt} desc`);
}

/** Deletes one of the user's own sessions; false when it is not theirs or already gone. */
export async function deleteUserSession(db: Database, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}
