/**
 * Password reset by emailed link: requested for an email (the same answer whether it has an account,
 * throttled per email and per address), completed once within an hour with a new password, which
 * ends every other session of the user.
 */
import type { Database } from '../../db/database';
import { claimLoginAttempt, findUserByEmail } from '../../db/queries/auth';
import { completePasswordReset, createPasswordReset, findUsableReset } from '../../db/queries/password-resets';
import { hashPassword, randomToken, sha256Hex } from '../auth/password';
import { newPasswordProblem } from '../auth/password-rules';
import { mailBrand, mailLink, mailLogoUrl } from '../email/brand';
import type { Mailer } from '../email/mailer';
import { passwordResetEmail } from '../email/templates';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** Throttle keys of reset requests: 5 per email and 20 per address in 15 minutes (the login throttle's limits). */
export function resetThrottleKeys(email: string, ip: string): string[] {
  return [`reset:${email.trim().toLowerCase()}`, `ip:reset:${ip}`];
}

export interface ResetRequestDeps {
  db: Database;
  mailer: Mailer;
  appOrigin: string;
  /** The tenant whose custom domain the request came in on: its name and brand on the mail. */
  brandTenant: Parameters<typeof mailBrand>[0];
  production: boolean;
  now: Date;
  /**
   * Runs after the answer (waitUntil, with a pool of its own: the request's closes with the response),
   * so the answer takes as long for a known email as for an unknown one.
   */
  background: (work: (db: Database) => Promise<void>) => void;
}

export type ResetRequestResult = { ok: true } | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/** Always `ok` unless throttled; an email with an account gets a link (sent in the background). */
export async function requestPasswordReset(deps: ResetRequestDeps, request: { email: string; ip: string }): Promise<ResetRequestResult> {
  const lock = await claimLoginAttempt(deps.db, resetThrottleKeys(request.email, request.ip), deps.now);
  if (lock) return { ok: false, reason: 'locked', retryAfterSeconds: lock.retryAfterSeconds };
  deps.background((db) => sendResetLink({ ...deps, db }, request));
  return { ok: true };
}

async function sendResetLink(deps: ResetRequestDeps, request: { email: string; ip: string }): Promise<void> {
  const user = await findUserByEmail(deps.db, request.email.trim().toLowerCase());
  if (!user) return;
  const token = randomToken(32);
  await createPasswordReset(
    deps.db,
    { userId: user.id, tokenHash: await sha256Hex(token), expiresAt: new Date(deps.now.getTime() + PASSWORD_RESET_TTL_MS), ip: request.ip },
    deps.now,
  );
  const brand = mailBrand(deps.brandTenant, deps.appOrigin, deps.production);
  const mail = passwordResetEmail({
    productName: brand.productName,
    userName: user.name,
    resetUrl: mailLink(brand, '/reset-password', token),
    logoUrl: mailLogoUrl(deps.brandTenant, brand),
  });
  const sent = await deps.mailer({ email: user.email, name: user.name }, brand, mail);
  // The failure's kind and SendGrid's message only: never the link or the address.
  if (!sent.ok)
    console.error(
      JSON.stringify({ level: 'error', event: 'password-reset-email-failed', kind: sent.failure.kind, message: sent.failure.message }),
    );
}

/** Tokens are 43 base64url characters (32 bytes). */
export function isResetToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The account a reset link is for, while the link can still be used. */
export async function viewResetLink(db: Database, token: string, now: Date): Promise<{ email: string } | null> {
  if (!isResetToken(token)) return null;
  const found = await findUsableReset(db, await sha256Hex(token), now);
  return found ? { email: found.email } : null;
}

export type ResetResult =
  | { ok: true; userId: string; endedSessionIds: string[] }
  | { ok: false; reason: 'unusable' }
  | { ok: false; reason: 'invalid_password'; message: string };

/** Sets the new password with a usable link; every session of the user but `currentSessionId` ends. */
export async function resetPassword(
  db: Database,
  reset: { token: string; password: string; currentSessionId: string | null; ip: string },
  now: Date,
): Promise<ResetResult> {
  const link = await viewResetLink(db, reset.token, now);
  if (!link) return { ok: false, reason: 'unusable' };
  const problem = newPasswordProblem(reset.password, link.email);
  if (problem) return { ok: false, reason: 'invalid_password', message: problem };
  const done = await completePasswordReset(
    db,
    {
      tokenHash: await sha256Hex(reset.token),
      passwordHash: await hashPassword(reset.password),
      keepSessionId: reset.currentSessionId,
      ip: reset.ip,
    },
    now,
  );
  return done ? { ok: true, ...done } : { ok: false, reason: 'unusable' };
}
