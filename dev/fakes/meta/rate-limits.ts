import type { MetaRegime } from '../context';

/** Business use case a call is billed to (BUC limits are per ad account and per type). */
export type BucType = 'ads_insights' | 'ads_management';

export const WINDOW_MS = 3_600_000;

export interface BilledCall {
  at: number;
  cost: number;
}

export interface Usage {
  used: number;
  budget: number;
  /** Share of the budget used in the rolling hour, 0-100+ (two decimals). */
  pct: number;
  /** Whole minutes until a call fits again; 0 while under budget. */
  regainMinutes: number;
  /** Seconds until the oldest billed call leaves the window. */
  resetSeconds: number;
}

/** Hourly BUC budget per ad account: Meta's formula by tier and active ads, unless the regime overrides it. */
export function bucBudget(regime: MetaRegime, type: BucType, activeAds: number, accountId?: string): number {
  const own = accountId === undefined ? undefined : regime.accountCallsPerHourByAccount?.[accountId];
  if (own != null) return own;
  if (regime.accountCallsPerHourOverride != null) return regime.accountCallsPerHourOverride;
  const full = regime.tier === 'full';
  if (type === 'ads_insights') return (full ? 190_000 : 600) + 400 * activeAds;
  return (full ? 100_000 : 300) + 40 * activeAds;
}

/** What headers call `ads_api_access_tier` (the header vocabulary predates the Limited/Full renaming). */
export function accessTierLabel(regime: MetaRegime): string {
  return regime.tier === 'development' ? 'development_access' : 'standard_access';
}

/** Usage of a budget by the calls billed in the rolling hour before `nowMs`. */
export function usageOf(calls: BilledCall[], budget: number, nowMs: number): Usage {
  const inWindow = calls.filter((c) => c.cost > 0 && c.at > nowMs - WINDOW_MS && c.at <= nowMs).sort((a, b) => a.at - b.at);
  const used = inWindow.reduce((sum, c) => sum + c.cost, 0);
  const pct = budget > 0 ? Math.round((used / budget) * 10_000) / 100 : 100;
  const resetSeconds = inWindow.length ? Math.ceil((inWindow[0]!.at + WINDOW_MS - nowMs) / 1000) : 0;
  let regainMinutes = 0;
  if (used >= budget) {
    // The call that must expire before one more fits: enough oldest cost has to leave the window.
    let toShed = used - budget + 1;
    for (const call of inWindow) {
      toShed -= call.cost;
      if (toShed <= 0) {
        regainMinutes = Math.max(1, Math.ceil((call.at + WINDOW_MS - nowMs) / 60_000));
        break;
      }
    }
  }
  return { used, budget, pct, regainMinutes, resetSeconds };
}

export function isOver(usage: Usage): boolean {
  return usage.used >= usage.budget;
}

/**
 * CPU and wall-time shares are not measured by the fake; they are reported as fixed fractions of the call share
 * (Meta's typical insights mix), so the call count is the real driver.
 */
function derivedShares(pct: number) {
  return { call_count: Math.floor(pct), total_cputime: Math.floor(pct * 0.6), total_time: Math.floor(pct * 0.8) };
}

export function appUsageHeader(app: Usage): string {
  return JSON.stringify(derivedShares(app.pct));
}

export function businessUseCaseHeader(accountId: string, buckets: { type: BucType; usage: Usage }[], tier: string): string {
  return JSON.stringify({
    [accountId]: buckets.map(({ type, usage }) => ({
      type,
      ...derivedShares(usage.pct),
      estimated_time_to_regain_access: usage.regainMinutes,
      ads_api_access_tier: tier,
    })),
  });
}

export function adAccountUsageHeader(accountPct: number, resetSeconds: number, tier: string): string {
  return JSON.stringify({ acc_id_util_pct: accountPct, reset_time_duration: resetSeconds, ads_api_access_tier: tier });
}

export function insightsThrottleHeader(app: Usage, insights: Usage, tier: string): string {
  return JSON.stringify({ app_id_util_pct: app.pct, acc_id_util_pct: insights.pct, ads_api_access_tier: tier });
}
