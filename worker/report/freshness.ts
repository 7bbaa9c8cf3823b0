import type { Platform } from '../../db/schema/enum-values';
import type { ConnectionHealth } from '../connections/health';
import type { SyncState } from '../connections/sync-state';
import type { SettlingDays } from '../jobs/windows';
import { addDays, localToday } from '../lib/dates';

/*
 * How fresh a widget's numbers are, from the accounts that feed it: when they last synced, from
 * which date on the platforms may still restate them (the settling lane re-reads those days every
 * night, so they are provisional), and which accounts cannot sync (re-auth needed, or refused).
 */

export interface AccountFreshness {
  adAccountId: string;
  platform: Platform;
  name: string;
  lastSyncedAt: string | null;
  /** The first account-local date the platform may still restate. */
  provisionalFrom: string;
  /** Why the account's numbers are not being kept up to date; null while it syncs. */
  problem: { kind: 'needs_reauth' | 'failing'; message: string } | null;
}

export function accountFreshness(
  account: { id: string; platform: Platform; name: string; timeZone: string; lastSyncedAt: Date | null },
  health: ConnectionHealth,
  sync: SyncState,
  settlingDays: SettlingDays,
  now: Date,
): AccountFreshness {
  const today = localToday(account.timeZone, now);
  let problem: AccountFreshness['problem'] = null;
  if (health.state === 'needs_reauth') problem = { kind: 'needs_reauth', message: health.message };
  else if (sync.state === 'failing') problem = { kind: 'failing', message: `${sync.reason} ${sync.action}` };
  return {
    adAccountId: account.id,
    platform: account.platform,
    name: account.name,
    lastSyncedAt: account.lastSyncedAt?.toISOString() ?? null,
    provisionalFrom: addDays(today, -settlingDays[account.platform]),
    problem,
  };
}

export interface WidgetFreshness {
  /** The oldest last sync among the accounts the widget shows (its numbers are at least this fresh); null if none synced yet. */
  syncedAt: string | null;
  /** The newest last sync among them. */
  latestSyncAt: string | null;
  /** Dates from this one on may still change; null without accounts. */
  provisionalFrom: string | null;
  /** Accounts whose numbers in the widget may be incomplete. */
  problems: Array<{ adAccountId: string; name: string; platform: Platform; kind: 'needs_reauth' | 'failing'; message: string }>;
}

/** Freshness of a widget that shows the accounts in `shown` (null: every account). */
export function widgetFreshness(accounts: readonly AccountFreshness[], shown: ReadonlySet<string> | null): WidgetFreshness {
  const feeding = accounts.filter((a) => !shown || shown.has(a.adAccountId));
  const synced = feeding.map((a) => a.lastSyncedAt).filter((at): at is string => at !== null);
  return {
    syncedAt: synced.length === feeding.length && synced.length > 0 ? synced.reduce((m, at) => (at < m ? at : m)) : null,
    latestSyncAt: synced.length ? synced.reduce((m, at) => (at > m ? at : m)) : null,
    provisionalFrom: feeding.length ? feeding.map((a) => a.provisionalFrom).reduce((m, d) => (d < m ? d : m)) : null,
    problems: feeding
      .filter((a) => a.problem)
      .map((a) => ({ adAccountId: a.adAccountId, name: a.name, platform: a.platform, kind: a.problem!.kind, message: a.problem!.message })),
  };
}
