import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../database';
import { THROTTLE_WINDOW_MS } from './login-throttle-policy';

/*
 * Deletes what nothing reads any more, a bounded batch per call so one cron run stays short; the
 * next run goes on where this one stopped. Both tables are free of row-level security (no tenant).
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
