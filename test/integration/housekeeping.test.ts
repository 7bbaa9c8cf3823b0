import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { runCron } from '../../worker/jobs/cron';
import { closeWhenIdle, superDb, unique } from './support';
import { workerNow } from './sync-support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

const DAY_MS = 86_400_000;

async function arrange() {
  const [user] = rowsOf<{ id: string }>(
    await arranged.db.execute(sql`insert into users (email, name) values (${`${unique('purge')}@example.test`}, 'Purge') returning id`),
  );
  const ids = { expired: unique('expired-session'), valid: unique('valid-session') };
  await arranged.db.execute(sql`insert into sessions (id, user_id, expires_at) values
    (${ids.expired}, ${user!.id}, ${new Date(Date.now() - DAY_MS)}), (${ids.valid}, ${user!.id}, ${new Date(Date.now() + DAY_MS)})`);
  const keys = { stale: `ip:${unique('stale')}`, locked: `ip:${unique('locked')}` };
  await arranged.db.execute(sql`insert into auth_throttle (key, failures, window_started_at, locked_until) values
    (${keys.stale}, 2, ${new Date(Date.now() - DAY_MS)}, null),
    (${keys.locked}, 20, ${new Date(Date.now() - DAY_MS)}, ${new Date(Date.now() + DAY_MS)})`);
  return { ids, keys };
}

async function remaining({ ids, keys }: Awaited<ReturnType<typeof arrange>>) {
  const sessions = rowsOf<{ id: string }>(
    await arranged.db.execute(sql`select id from sessions where id in (${ids.expired}, ${ids.valid})`),
  ).map((r) => r.id);
  const throttles = rowsOf<{ key: string }>(
    await arranged.db.execute(sql`select key from auth_throttle where key in (${keys.stale}, ${keys.locked})`),
  ).map((r) => r.key);
  return { sessions, throttles };
}

/** The Worker's clock at minute `minute` of its current hour. */
function slotAt(minute: number): Date {
  const slot = new Date(workerNow());
  slot.setUTCMinutes(minute, 0, 0);
  return slot;
}

// Which slots purge is worker/jobs/housekeeping.test.ts; a cron at another minute here would race the
// other files' crons at real time, which may well be minute 0 to 14.
describe('the cron purges expired sessions and stale login throttles', () => {
  it('on the first hot-lane slot of an hour: expired sessions and counters that no longer count go, live ones stay', async () => {
    const rows = await arrange();
    const ctx = createExecutionContext();
    await runCron('*/15 * * * *', slotAt(0), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await remaining(rows)).toEqual({ sessions: [rows.ids.valid], throttles: [rows.keys.locked] });
  });

  it('deletes webhook events dispatched more than a week ago, and keeps recent and undelivered ones', async () => {
    const [tenant] = rowsOf<{ id: string }>(
      await arranged.db.execute(
        sql`insert into tenants (slug, name, reporting_currency, time_zone) values (${unique('wh').toLowerCase()}, 'Webhooks', 'USD', 'UTC') returning id`,
      ),
    );
    const at = (days: number) => new Date(Date.now() - days * DAY_MS);
    const events = rowsOf<{ id: string }>(
      await arranged.db.execute(sql`insert into webhook_events (tenant_id, type, payload, occurred_at, dispatched_at) values
        (${tenant!.id}, 'sync.completed', '{}'::jsonb, ${at(9)}, ${at(8)}),
        (${tenant!.id}, 'sync.completed', '{}'::jsonb, ${at(2)}, ${at(1)}),
        (${tenant!.id}, 'sync.failed', '{}'::jsonb, ${at(10)}, null) returning id`),
    ).map((r) => r.id);
    const ctx = createExecutionContext();
    await runCron('*/15 * * * *', slotAt(0), env, ctx);
    await waitOnExecutionContext(ctx);
    const left = rowsOf<{ id: string }>(await arranged.db.execute(sql`select id from webhook_events where tenant_id = ${tenant!.id}`)).map(
      (r) => r.id,
    );
    expect(left.sort()).toEqual(events.slice(1).sort());
  });
});
