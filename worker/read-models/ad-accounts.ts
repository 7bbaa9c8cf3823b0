import { withTenant } from '../../db/database';
import { type AdAccountStatus, listAdAccountStatus } from '../../db/queries/connections';
import { type ConnectionHealth, connectionHealth } from '../connections/health';
import type { TenantReadScope } from './scope';

/*
 * Not cached: connection health moves with the clock and with re-auth failures, neither of which
 * bumps the data version, and this view is read on the Connections page, not on every dashboard load.
 */

/** One ad account as the API's ad-accounts route and the Connections page show it. */
export type AdAccountCard = Omit<AdAccountStatus, 'hasRefreshToken'> & { connectionHealth: ConnectionHealth };

/** The tenant's ad accounts with connection health (as of `now`) and backfill progress. */
export async function readAdAccountCards(scope: TenantReadScope, now: Date): Promise<AdAccountCard[]> {
  const accounts = await withTenant(scope.db, scope.tenant.id, (tx) => listAdAccountStatus(tx));
  return accounts.map(({ hasRefreshToken, ...account }) => ({
    ...account,
    connectionHealth: connectionHealth(
      {
        status: account.connectionStatus,
        accessExpiresAt: account.accessExpiresAt,
        refreshExpiresAt: account.refreshExpiresAt,
        hasRefreshToken,
      },
      now,
    ),
  }));
}

/** Just what the overview's "Syncing history" line needs, for every ad account of the tenant. */
export async function readBackfillProgress(scope: TenantReadScope) {
  const accounts = await withTenant(scope.db, scope.tenant.id, (tx) => listAdAccountStatus(tx));
  return accounts.map(({ id, platform, name, backfill }) => ({ id, platform, name, backfill }));
}
