import type { AccountFreshness } from '$worker/report/freshness';
import type { DashboardView } from './dashboard-view';

/** The accounts a view's platform and account filters keep (null: every account). */
export function shownAccountIds(
  accounts: readonly AccountFreshness[],
  view: Pick<DashboardView, 'platforms' | 'accounts'>,
): Set<string> | null {
  if (!view.platforms && !view.accounts) return null;
  return new Set(
    accounts
      .filter((a) => (!view.platforms || view.platforms.includes(a.platform)) && (!view.accounts || view.accounts.includes(a.adAccountId)))
      .map((a) => a.adAccountId),
  );
}
