import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../database';
import { THROTTLE_WINDOW_MS } from './login-throttle-policy';

/*
 * Deletes what nothing reads any more, a bounded batch per call so one cron run stays short; the
 * next run goes on where this one stopped. Sessions and throttles are free of row-level security (no tenant).
 */

/** Deletes up to `limit` sessions that expired at or before `now`, oldest first; returns how many. */
export async function purgeExpiredSessions(db: Database, now: Date, limit: number): Promise<number> {
  const deleted = await db.execute(sql`
    delete from sessions where id in (
      select id from sessions where expires_at <= ${now} order by expires_at limit ${limit}
    ) returning id`);
  return rowsOf(deleted).length;
}

/**
 * Deletes up to `limit` login-throttle counters that no longer count: their window ended and no
 * lock is in force. Returns how many.
 */
export async function purgeStaleLoginThrottles(db: Database, now: Date, limit: number): Promise<number> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const deleted = await db.execute(sql`
    delete from auth_throttle where key in (
      select key from auth_throttle
      where window_started_at <= ${windowStart} and (locked_until is null or locked_until <= ${now})
      order by window_started_at limit ${limit}
    ) returning key`);
  return rowsOf(deleted).length;
}

/** Finished invitations and reset links stay this long (an invitee asking "why did my link stop working?"); the audit log keeps the history. */
export const FINISHED_LINK_RETENTION_MS = 30 * 86_400_000;

/**
 * Deletes up to `limit` invitations and up to `limit` password-reset links that ended (expired,
 * used, accepted or revoked) more than the retention ago. They are scoped tables: the purge runs in
 * the housekeeping scope, whose policy (migration 0014) shows finished rows only. Returns how many.
 */
export async function purgeFinishedLinks(db: Database, now: Date, limit: number): Promise<{ invitations: number; passwordResets: number }> {
  const before = new Date(now.getTime() - FINISHED_LINK_RETENTION_MS);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.housekeeping', 'purge', true)`);
    const invitations = await tx.execute(sql`
      delete from invitations where id in (
        select id from invitations
        where coalesce(accepted_at, revoked_at, expires_at) <= ${before}
        order by created_at limit ${limit}
      ) returning id`);
    const resets = await tx.execute(sql`
      delete from password_resets where id in (
        select id from password_resets
        where coalesce(used_at, expires_at) <= ${before}
        order by created_at limit ${limit}
      ) returning id`);
    return { invitations: rowsOf(invitations).length, passwordResets: rowsOf(resets).length };
  });
}
