import type { Database } from '../../db/client';
import {
  clearLoginFailures,
  createSession,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  getLoginLock,
  recordLoginFailure,
} from '../../db/queries/auth';
import { AppError } from '../api/errors';
import { SESSION_TTL_SECONDS } from './cookies';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from './password';

export interface SignInAttempt {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
}

// Verifying against a real hash when the email is unknown keeps both paths equally slow,
// so response time does not reveal which emails have accounts.
let decoyHash: Promise<string> | null = null;

/** Throttle keys: failures count per account and per client address. */
export function throttleKeys(email: string, ip: string): string[] {
  return [`email:${email.trim().toLowerCase()}`, `ip:${ip}`];
}

/**
 * Checks credentials and opens a session. Throws `too_many_requests` while the account or
 * address is locked out, `invalid_credentials` for a wrong email or password.
 */
export async function signIn(db: Database, attempt: SignInAttempt, now = new Date()) {
  const keys = throttleKeys(attempt.email, attempt.ip);
  const lock = await getLoginLock(db, keys, now);
  if (lock) {
    const retryAfter = Math.max(1, Math.ceil((lock.lockedUntil.getTime() - now.getTime()) / 1000));
    throw new AppError('too_many_requests', `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`, {
      headers: { 'retry-after': String(retryAfter) },
    });
  }
  const user = await findUserByEmail(db, attempt.email.trim().toLowerCase());
  decoyHash ??= hashPassword(randomToken(16));
  const ok = await verifyPassword(attempt.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) {
    await recordLoginFailure(db, keys, now);
    throw new AppError('invalid_credentials', 'The email or password is incorrect.');
  }
  await clearLoginFailures(db, keys);
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await createSession(db, {
    userId: user.id,
    tokenHash: await sha256Hex(token),
    expiresAt,
    ip: attempt.ip,
    userAgent: attempt.userAgent.slice(0, 300),
  });
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name } };
}

/** The signed-in user for a session token, or null when absent, unknown or expired. */
export async function resolveSession(db: Database, token: string | undefined) {
  if (!token || token.length > 200) return null;
  return findSessionUser(db, await sha256Hex(token));
}

export async function signOut(db: Database, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, await sha256Hex(token));
}
