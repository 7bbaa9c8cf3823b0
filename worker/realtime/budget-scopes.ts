/**
 * Which budgets one sync spends, as the platforms define them, and each scope's policy. Pure:
 * the sync job builds the demands, the Durable Objects only keep the state.
 *
 * - Meta: the ad account (a gate: account-wide blocks, and its breaker), its BUC ads_insights
 *   (insights reads, async report runs) and ads_management (entity reads) with the hourly
 *   capacity of AD-APIS.md §1.6 from the account's active ads, and the app's hourly usage.
 * - Google: the customer's QPS, and the developer token's operations in a sliding 24 h.
 * - LinkedIn: the ad account's trickle, the application day and the member day (learnt from 429s).
 */
import type { Platform, SyncLane } from '../../db/schema/enum-values';
import { ACCOUNT_POLICIES, type AppQuotas, type MetaAccessTier, rollingWindowPolicy } from './budget';
import { accountKey, appKey, type MetaUseCase, memberKey, parseBudgetKey, useCaseKey } from './budget-keys';
import type { ScopePolicy } from './budget-scope';
import { slidingDayPolicy } from './budget-window';

/** Meta's hourly BUC limit per ad account (AD-APIS.md §1.6; the user-error term of ads_insights is left out). */
export function metaUseCaseLimit(tier: MetaAccessTier, useCase: MetaUseCase, activeAds: number): number {
  const ads = Math.max(0, activeAds);
  if (useCase === 'ads_insights') return (tier === 'full' ? 190_000 : 600) + 400 * ads;
  return (tier === 'full' ? 100_000 : 300) + 40 * ads;
}

/** What a scope's policy depends on besides its key. */
export interface PolicyContext {
  /** The platform of an account-side key (app keys name their own). */
  platform: Platform;
  quotas: AppQuotas;
  /** Meta: the ad account's ads with status active (our Postgres entities). */
  activeAds?: number;
}

/** The policy of a stored budget row, from its key: what the health view measures a row against. */
export function policyForKey(key: string, context: PolicyContext): ScopePolicy | null {
  const parsed = parseBudgetKey(key);
  if (!parsed) return null;
  const { quotas } = context;
  switch (parsed.scope) {
    case 'app':
      if (parsed.platform === 'meta') return rollingWindowPolicy(quotas.metaCallsPerHour, 3600);
      if (parsed.platform === 'google_ads') return slidingDayPolicy(quotas.googleOperationsPerDay);
      return { kind: 'day', knownLimit: quotas.linkedinCallsPerDay };
    case 'member':
      return { kind: 'day', knownLimit: null };
    case 'use_case':
      return rollingWindowPolicy(metaUseCaseLimit(quotas.metaAccessTier ?? 'limited', parsed.useCase, context.activeAds ?? 0), 3600);
    case 'account':
      return context.platform === 'meta' ? { kind: 'gate' } : ACCOUNT_POLICIES[context.platform];
  }
}

/** One scope an admission takes from. */
export interface Demand {
  key: string;
  policy: ScopePolicy;
  /** Calls reserved (Google's daily operations are reserved whole: the window is never exceeded). */
  cost: number;
  /** Refused alone, the sync goes on without the calls of this scope (Meta's entity reads). */
  optional?: boolean;
  /** The scope whose circuit breaker gates the call (the ad account's). */
  breaker?: boolean;
}

/** What one sync of one ad account is about to do. */
export interface SyncPlan {
  platform: Platform;
  adAccountId: string;
  lane: SyncLane;
  includeEntities: boolean;
  includeHourly: boolean;
  activeAds: number;
  /** LinkedIn: the member whose token the sync uses (connections.external_user_id). */
  memberId: string | null;
  quotas: AppQuotas;
}

/** Meta entity reads of one sync: campaigns, ad sets, ads. */
const META_ENTITY_CALLS = 3;

function demand(key: string, context: PolicyContext, cost: number, extra: Partial<Demand> = {}): Demand {
  return { key, policy: policyForKey(key, context)!, cost, ...extra };
}

/** The ad account's scopes (TenantHub), the ad account's own first: it holds the breaker. */
export function accountDemands(plan: SyncPlan): Demand[] {
  const context: PolicyContext = { platform: plan.platform, quotas: plan.quotas, activeAds: plan.activeAds };
  const own = demand(accountKey(plan.adAccountId), context, 1, { breaker: true });
  if (plan.platform !== 'meta') return [own];
  const insights = demand(useCaseKey(plan.adAccountId, 'ads_insights'), context, plan.includeHourly ? 2 : 1);
  if (!plan.includeEntities) return [own, insights];
  return [own, insights, demand(useCaseKey(plan.adAccountId, 'ads_management'), context, META_ENTITY_CALLS, { optional: true })];
}

/** The app-wide scopes (PlatformQuota of the platform). */
export function appDemands(plan: SyncPlan): Demand[] {
  const context: PolicyContext = { platform: plan.platform, quotas: plan.quotas };
  if (plan.platform === 'google_ads') return [demand(appKey('google_ads'), context, plan.includeHourly ? 2 : 1)];
  const app = demand(appKey(plan.platform), context, 1);
  if (plan.platform === 'linkedin' && plan.memberId) return [app, demand(memberKey(plan.memberId), context, 1)];
  return [app];
}
