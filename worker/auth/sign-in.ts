import type { Database } from '../../db/client';
import {
  claimLoginAttempt,
  createSession,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  type SessionUser,
  settleSuccessfulSignIn,
} from '../../db/queries/auth';
import { recordUserAudit } from '../../db/queries/members';
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
export function throttleKeys(email: string, ip: string): { account: string; address: string } {
  return { account: `email:${email.trim().toLowerCase()}`, address: `ip:${ip}` };
}

export interface OpenedSession {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

/** How a sign-in ended; the transports (API route, login form) turn a refusal into their own answer. */
export type SignInResult =
  | { ok: true; session: OpenedSession }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }
  | { ok: false; reason: 'invalid_credentials' };

/**
 * Checks credentials and opens a session. Refuses with `locked` (and how long until the lock
 * lifts) while the account or address is locked out, `invalid_credentials` for a wrong email or
 * password: the two look the same for known and unknown emails.
 */
export async function signIn(db: Database, attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const keys = throttleKeys(attempt.email, attempt.ip);
  // The attempt is counted as a failure before the password is checked (and given back if it is
  // right), so parallel guesses cannot all pass a check made before any of them was counted.
  const lock = await claimLoginAttempt(db, [keys.account, keys.address], now);
  if (lock) {
    return { ok: false, reason: 'locked', retryAfterSeconds: lock.retryAfterSeconds };
  }
  const email = attempt.email.trim().toLowerCase();
  const user = await findUserByEmail(db, email);
  decoyHash ??= hashPassword(randomToken(16));
  const ok = await verifyPassword(attempt.password, user?.passwordHash ?? (await decoyHash));
  // A failure on a known account goes to the logs of the agencies and tenants it belongs to (they
  // see guesses at their own people); an unknown email belongs to nobody's log, but takes the same
  // steps (a random id has no memberships) so timing does not tell the two apart. Never the password.
  const details = { ip: attempt.ip, emailDomain: emailDomain(email), userAgent: attempt.userAgent.slice(0, 300) };
  if (!user || !ok) {
    const target = user?.id ?? crypto.randomUUID();
    await recordUserAudit(db, target, { action: 'auth.sign_in_failed', target, actorUserId: null, details });
    return { ok: false, reason: 'invalid_credentials' };
  }
  await settleSuccessfulSignIn(db, keys);
  const session = await openSession(db, { id: user.id, email: user.email, name: user.name }, attempt, now);
  await recordUserAudit(db, user.id, { action: 'auth.signed_in', target: user.id, actorUserId: user.id, details });
  return { ok: true, session };
}

/** The part after the @, lower-cased: enough to see which organisation was targeted. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Opens a session for a user whose identity is already established (sign-in, an accepted invitation). */
export async function openSession(
  db: Database,
  user: SessionUser,
  client: { ip: string; userAgent: string },
  now = new Date(),
): Promise<OpenedSession> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await createSession(db, {
    userId: user.id,
    tokenHash: await sha256Hex(token),
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent.slice(0, 300),
  });
  return { token, expiresAt, user };
}

/** The signed-in user for a session token, or null when absent, unknown or expired. */
export async function resolveSession(db: Database, token: string | undefined) {
  if (!token || token.length > 200) return null;
  return findSessionUser(db, await sha256Hex(token));
}

/** An ended session: its user and its id (the token's SHA-256), to close what it had open. */
export type EndedSession = { userId: string; sessionId: string };

/** Deletes the session of `token`; returns it when there was one (the transports then close its sockets). */
export async function signOut(db: Database, token: string | undefined): Promise<EndedSession | null> {
  if (!token || token.length > 200) return null;
  const sessionId = await sha256Hex(token);
  const deleted = await deleteSession(db, sessionId);
  return deleted ? { userId: deleted.userId, sessionId } : null;
}
