import { loadCatalog } from './catalog';
import {
  accessTierLabel,
  adAccountUsageHeader,
  appUsageHeader,
  type BucType,
  bucBudget,
  businessUseCaseHeader,
  insightsThrottleHeader,
  type Usage,
  usageOf,
} from './rate-limits';
import type { MetaState } from './state';

export interface AccountUsage {
  app: Usage;
  buc: Record<BucType, Usage>;
}

/** Which BUC a recorded call was billed to, from its path (insights edges and report runs are ads_insights). */
function billedTo(state: MetaState, path: string): BucType {
  if (path.endsWith('/insights')) return 'ads_insights';
  const node = path.split('/').filter(Boolean)[1];
  return node && state.runs.get(node) ? 'ads_insights' : 'ads_management';
}

export function appUsage(state: MetaState): Usage {
  const { ctx } = state;
  return usageOf(ctx.calls.list({ service: 'meta' }), ctx.regimes.meta.appCallsPerHour, state.nowMs());
}

/** App-level and per-account BUC usage in the rolling hour, straight from the call ledger. */
export function accountUsage(state: MetaState, accountId: string): AccountUsage {
  const { ctx } = state;
  const now = state.nowMs();
  const account = ctx.world.account('meta', accountId)!;
  const catalog = loadCatalog(ctx.world, account);
  const activeAds = catalog.ads.filter((ad) => catalog.effectiveStatus('ad', ad.id) === 'ACTIVE').length;
  const calls = ctx.calls.list({ service: 'meta', accountId });
  const budgetFor = (type: BucType) => bucBudget(ctx.regimes.meta, type, activeAds, accountId);
  const billed = (type: BucType) => calls.filter((call) => billedTo(state, call.path) === type);
  return {
    app: appUsage(state),
    buc: {
      ads_insights: usageOf(billed('ads_insights'), budgetFor('ads_insights'), now),
      ads_management: usageOf(billed('ads_management'), budgetFor('ads_management'), now),
    },
  };
}

/** Rate-limit headers as Meta sends them: JSON-encoded strings, BUC keyed by the account id without act_. */
export function usageHeaders(state: MetaState, accountId: string | undefined, bucType: BucType | undefined): Record<string, string> {
  const tier = accessTierLabel(state.ctx.regimes.meta);
  if (!accountId) return { 'X-App-Usage': appUsageHeader(appUsage(state)) };
  const usage = accountUsage(state, accountId);
  const types: BucType[] = (['ads_insights', 'ads_management'] as const).filter((t) => t === bucType || usage.buc[t].used > 0);
  const worst = types.length ? Math.max(...types.map((t) => usage.buc[t].pct)) : 0;
  const resetSeconds = Math.max(0, ...types.map((t) => usage.buc[t].resetSeconds));
  const headers: Record<string, string> = {
    'X-App-Usage': appUsageHeader(usage.app),
    'X-Business-Use-Case-Usage': businessUseCaseHeader(
      accountId,
      types.map((type) => ({ type, usage: usage.buc[type] })),
      tier,
    ),
    'X-Ad-Account-Usage': adAccountUsageHeader(worst, resetSeconds, tier),
  };
  if (bucType === 'ads_insights') headers['X-FB-Ads-Insights-Throttle'] = insightsThrottleHeader(usage.app, usage.buc.ads_insights, tier);
  return headers;
}
