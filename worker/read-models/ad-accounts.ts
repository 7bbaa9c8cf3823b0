import { withTenant } from '../../db/database';
import { type AdAccountStatus, type LatestDecisiveRun, listAdAccountStatus, listLatestDecisiveRuns } from '../../db/queries/connections';
import { type ConnectionHealth, connectionHealth } from '../connections/health';
import { type SyncSchedule, syncSchedule } from '../connections/next-sync';
import { backfillStoppedReason, type SyncState, syncState } from '../connections/sync-state';
import { type TenantReadScope, timedRead } from './scope';

/*
 * Not cached: connection health moves with the clock and with re-auth failures, neither of which
 * bumps the data version, and this view is read on the Connections page, not on every dashboard load.
 *
 * Freshness: `lastSyncedAt` is when the account's data last landed. An account whose `syncState` is
 * `failing` is not late, it is stopped: the platform refuses its data for good and waiting will not
 * bring it. Any lag figure built on this view (how far behind accounts are) must leave failing
 * accounts out and show them as failing instead; only accounts in state `ok` are measured for lag.
 */

type Backfill = AdAccountStatus['backfill'] & {
  /** Why the history import no longer progresses, in plain words; null while it can still progress. */
  stopped: string | null;
};

/** One ad account as the API's ad-accounts route and the Connections page show it. */
export type AdAccountCard = Omit<AdAccountStatus, 'hasRefreshToken' | 'backfill'> & {
  connectionHealth: ConnectionHealth;
  /** Whether the platform still serves the account (worker/connections/sync-state.ts). */
  syncState: SyncState;
  backfill: Backfill;
  /** The next hot-lane slot and the lag behind the 15-minute target (none where waiting will not help). */
  schedule: SyncSchedule;
};

async function readAccounts(scope: TenantReadScope) {
  return timedRead(scope, 'ad-accounts', () => readAccountRows(scope));
}

async function readAccountRows(scope: TenantReadScope) {
  return withTenant(scope.db, scope.tenant.id, async (tx) => {
    const [accounts, runs] = [await listAdAccountStatus(tx), await listLatestDecisiveRuns(tx)];
    const runsOf = new Map<string, LatestDecisiveRun[]>();
    for (const run of runs) runsOf.set(run.adAccountId, [...(runsOf.get(run.adAccountId) ?? []), run]);
    return accounts.map((account) => {
      const accountRuns = runsOf.get(account.id) ?? [];
      const state = syncState(account.platform, accountRuns);
      const stopped = backfillStoppedReason(account.platform, accountRuns, state);
      return { account, syncState: state, backfill: { ...account.backfill, stopped } };
    });
  });
}

/** The tenant's ad accounts with connection health (as of `now`), sync state and backfill progress. */
export async function readAdAccountCards(scope: TenantReadScope, now: Date): Promise<AdAccountCard[]> {
  return (await readAccounts(scope)).map(({ account: { hasRefreshToken, ...account }, syncState, backfill }) => {
    const health = connectionHealth(
      {
        status: account.connectionStatus,
        accessExpiresAt: account.accessExpiresAt,
        refreshExpiresAt: account.refreshExpiresAt,
        hasRefreshToken,
      },
      now,
    );
    const schedule = syncSchedule({ ...account, connectionHealth: health, syncState }, now);
    return { ...account, connectionHealth: health, syncState, backfill, schedule };
  });
}

/** Just what the overview's "Syncing history" line needs, from cards already read. */
export function backfillProgressOf(cards: readonly AdAccountCard[]) {
  return cards.map(({ id, platform, name, backfill }) => ({ id, platform, name, backfill }));
}
