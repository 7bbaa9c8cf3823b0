/** What the benchmark reads back: sync runs and accounts from Postgres, rows against the fakes' ground truth. */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/database';
import type { Platform } from '../../../db/schema/enum-values';
import type { World } from '../../../dev/fakes/world/types';
import { backfillWindow } from '../../../worker/jobs/backfill';
import { addDays, localToday } from '../../../worker/lib/dates';
import type { AccountRecord, Lane, RowCheck, RunRecord } from '../support/fleet-metrics';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export interface StoredAccount {
  adAccountId: string;
  tenantId: string;
  platform: Platform;
  externalId: string;
  currency: string;
  timeZone: string;
  managerExternalId: string | null;
}

export async function readAccounts(db: Database): Promise<StoredAccount[]> {
  return rowsOf<StoredAccount>(
    await db.execute(sql`select id as "adAccountId", tenant_id as "tenantId", platform, external_id as "externalId",
      currency, time_zone as "timeZone", manager_external_id as "managerExternalId" from ad_accounts order by platform, external_id`),
  );
}

export async function readRuns(db: Database): Promise<RunRecord[]> {
  const rows = rowsOf<{
    adAccountId: string;
    platform: Platform;
    lane: Lane;
    startedMs: string;
    finishedMs: string | null;
    outcome: string | null;
    apiCalls: number;
    rows: number;
    windowFrom: string;
    windowTo: string;
  }>(
    await db.execute(sql`select r.ad_account_id as "adAccountId", a.platform, r.lane,
      (extract(epoch from r.started_at) * 1000)::float8::text as "startedMs",
      (extract(epoch from r.finished_at) * 1000)::float8::text as "finishedMs",
      r.outcome, r.api_calls as "apiCalls", r.rows, r.window_from::text as "windowFrom", r.window_to::text as "windowTo"
      from sync_runs r join ad_accounts a on a.id = r.ad_account_id order by r.started_at`),
  );
  return rows.map((r) => ({
    adAccountId: r.adAccountId,
    platform: r.platform,
    lane: r.lane,
    startedMs: Number(r.startedMs),
    finishedMs: r.finishedMs === null ? Number(r.startedMs) : Number(r.finishedMs),
    outcome: r.outcome ?? 'unfinished',
    apiCalls: r.apiCalls,
    rows: r.rows,
    windowFrom: r.windowFrom,
    windowTo: r.windowTo,
  }));
}

export async function deadLetterCount(db: Database): Promise<number> {
  return Number(rowsOf<{ n: string }>(await db.execute(sql`select count(*)::text as n from dead_letters`))[0]!.n);
}

/** Each dead letter with its lane, platform, window, deferrals and the last recorded run of that window (why it died). */
export async function deadLetterDetails(db: Database): Promise<string[]> {
  const rows = rowsOf<{ queue: string; lane: string; platform: string | null; win: string; deferrals: string | null; last: string | null }>(
    await db.execute(sql`select d.queue, d.body->>'lane' as lane, a.platform::text as platform,
      (d.body->>'from') || '..' || (d.body->>'to') as win, d.body->>'deferrals' as deferrals,
      (select r.outcome::text || coalesce(' (' || coalesce(r.deferral_reason::text, left(r.error, 160)) || ')', '')
         from sync_runs r where r.ad_account_id = (d.body->>'adAccountId')::uuid
         and r.window_from = (d.body->>'from')::date and r.window_to = (d.body->>'to')::date
         order by r.started_at desc limit 1) as last
      from dead_letters d left join ad_accounts a on a.id = (d.body->>'adAccountId')::uuid order by d.queue`),
  );
  return rows.map(
    (r) => `${r.platform ?? '?'} ${r.lane} ${r.win} from ${r.queue}, ${r.deferrals ?? 0} deferrals; last run: ${r.last ?? 'none recorded'}`,
  );
}

type Fact = { impressions: number; clicks: number; spendMicros: number; conversions: number; conversionValueMicros: number };

/**
 * Every stored (ad, day) against the fakes' ground truth at the end of the run, over each account's
 * responsibility: from the first day of its backfill to the last complete local day.
 * Lost = truth rows not stored; duplicate = keys stored twice or rows the truth does not have;
 * stale = stored figures that differ from the truth now (restated after the last read of that day).
 */
export async function checkRows(
  db: Database,
  world: World,
  accounts: ReadonlyArray<AccountRecord & { timeZone: string; backfillDays: number }>,
  endMs: number,
): Promise<RowCheck> {
  const check: RowCheck = { lost: 0, duplicate: 0, stale: 0, truthRows: 0, lostIn: [] };
  const end = new Date(endMs);
  for (const account of accounts) {
    const from = backfillWindow(account.platform, account.timeZone, new Date(account.connectedMs), account.backfillDays).from;
    const to = addDays(localToday(account.timeZone, end), -1);
    if (from > to) continue;
    const truth = world.groundTruth(account.platform, account.externalId, from, to, end);
    const stored = rowsOf<Fact & { adId: string; date: string; copies: number }>(
      await db.execute(sql`select ad_id as "adId", date::text as date, count(*)::int as copies,
        max(impressions)::float8 as impressions, max(clicks)::float8 as clicks, max(spend_micros)::float8 as "spendMicros",
        max(conversions)::float8 as conversions, max(conversion_value_micros)::float8 as "conversionValueMicros"
        from ad_stats_daily where ad_account_id = ${account.adAccountId} and date between ${from} and ${to} group by ad_id, date`),
    );
    const byKey = new Map(stored.map((s) => [`${s.adId}|${s.date}`, s]));
    check.truthRows += truth.length;
    const missingDays: string[] = [];
    for (const fact of truth) {
      const row = byKey.get(`${fact.adId}|${fact.date}`);
      if (!row) {
        check.lost += 1;
        missingDays.push(fact.date);
        continue;
      }
      byKey.delete(`${fact.adId}|${fact.date}`);
      if (row.copies > 1) check.duplicate += row.copies - 1;
      const same =
        row.impressions === fact.impressions &&
        row.clicks === fact.clicks &&
        row.spendMicros === fact.spendMicros &&
        row.conversions === fact.conversions &&
        row.conversionValueMicros === fact.conversionValueMicros;
      if (!same) check.stale += 1;
    }
    check.duplicate += [...byKey.values()].reduce((sum, row) => sum + row.copies, 0);
    if (missingDays.length) {
      missingDays.sort();
      check.lostIn!.push({
        platform: account.platform,
        adAccountId: account.adAccountId,
        lost: missingDays.length,
        firstDay: missingDays[0]!,
        lastDay: missingDays.at(-1)!,
      });
    }
  }
  return check;
}
