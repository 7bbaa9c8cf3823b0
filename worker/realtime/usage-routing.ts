/**
 * Sends what one sync learnt to the budget scope it belongs to (budget-keys.ts): an ad account's
 * and its BUC types' signals to TenantHub, app-wide and member signals to PlatformQuota. Mixing
 * them let one hot ad account block the whole app, and one BUC type block the other. Pure.
 */
import type { Platform } from '../../db/schema/enum-values';
import type { ConnectorError, SyncResult, UsageScope, UsageSignal } from '../connectors/types';
import type { UsageReading } from './budget';
import { accountKey, appKey, memberKey, parseBudgetKey, useCaseKey } from './budget-keys';
import { type Demand, policyForKey, type SyncPlan } from './budget-scopes';
import type { CallReport, ScopeReport } from './budget-store';

export type BudgetSide = 'account' | 'app';

/** Which side of the budgets a key lives on: app-wide and member scopes in PlatformQuota, the rest in TenantHub. */
export function sideOfKey(key: string): BudgetSide {
  const parsed = parseBudgetKey(key);
  return parsed?.scope === 'app' || parsed?.scope === 'member' ? 'app' : 'account';
}

interface ScopeIds {
  platform: Platform;
  adAccountId: string;
  memberId: string | null;
}

/**
 * The key a signal or throttle of `scope` belongs to. Meta app usage and Google's daily
 * operations (per developer token) are app-wide; LinkedIn names its bucket (APPLICATION, or
 * APPLICATION_AND_MEMBER: the member's day); a 429 that names none is kept to the ad account;
 * an ad account's limit, or one BUC type of it, stays with the account it was read on.
 */
export function keyForScope(ids: ScopeIds, scope: UsageScope, useCase?: UsageSignal['useCase']): string {
  if (scope === 'app') return appKey(ids.platform);
  if (scope === 'daily') return ids.platform === 'linkedin' ? accountKey(ids.adAccountId) : appKey(ids.platform);
  if (scope === 'user' && ids.platform === 'linkedin') return ids.memberId ? memberKey(ids.memberId) : accountKey(ids.adAccountId);
  if (useCase && ids.platform === 'meta') return useCaseKey(ids.adAccountId, useCase);
  return accountKey(ids.adAccountId);
}

/** A signal as the budget reads it, with the platform's own figure for when access returns. */
export function usageReading(signal: UsageSignal): UsageReading {
  if (signal.regainAccessMinutes && signal.regainAccessMinutes > 0) {
    return { utilPct: signal.utilPct, regainAccessMs: signal.regainAccessMinutes * 60_000 };
  }
  // reset_time_duration is when the window resets: the figure for a full reading, no block below 100%.
  const resets = signal.utilPct >= 100 && signal.resetSeconds && signal.resetSeconds > 0;
  return { utilPct: signal.utilPct, regainAccessMs: resets ? signal.resetSeconds! * 1000 : null };
}

/** Calls of one sync billed to a key: Meta's per use case, everything else all of them (the gate counts none). */
function callsFor(key: string, result: SyncResult): number {
  const parsed = parseBudgetKey(key);
  if (parsed?.scope !== 'use_case') return result.apiCalls;
  const billed = result.useCaseCalls?.[parsed.useCase];
  return billed ?? (parsed.useCase === 'ads_insights' ? result.apiCalls : 0);
}

/**
 * One report per scope the sync was admitted to or heard about. A throttle blocks only the scope
 * it names; the other scopes learn nothing about health from it ('inconclusive'). Failures drive
 * only the ad account's breaker: one flaky account must not open an app-wide breaker. Each scope is
 * charged its calls beyond what its admission reserved.
 */
export function reportsFor(result: SyncResult, plan: SyncPlan, admitted: Demand[]): Record<BudgetSide, ScopeReport[]> {
  const ids: ScopeIds = { platform: plan.platform, adAccountId: plan.adAccountId, memberId: plan.memberId };
  const own = accountKey(plan.adAccountId);
  const usage = new Map<string, UsageReading[]>();
  for (const s of result.usage) {
    // A BUC type no sync spends (custom_audience, pages…) says nothing about our calls: it blocks none of them.
    if (s.source.startsWith('x-business-use-case-usage:') && !s.useCase) continue;
    const key = keyForScope(ids, s.scope, s.useCase);
    usage.set(key, [...(usage.get(key) ?? []), usageReading(s)]);
  }
  const throttled = throttledKey(ids, result);
  const keys = new Set([...admitted.map((d) => d.key), ...usage.keys(), ...(throttled ? [throttled] : [])]);
  const context = { platform: plan.platform, quotas: plan.quotas, activeAds: plan.activeAds };
  const sides: Record<BudgetSide, ScopeReport[]> = { account: [], app: [] };
  for (const key of keys) {
    const demand = admitted.find((d) => d.key === key);
    const policy = demand?.policy ?? policyForKey(key, context);
    if (!policy) continue;
    const report: CallReport = {
      outcome: key === throttled ? 'rate_limited' : key === own ? accountOutcome(result) : 'inconclusive',
      usage: usage.get(key) ?? [],
      calls: demand ? callsFor(key, result) : 0,
      reserved: demand?.cost ?? 0,
      ...(key === throttled ? { retryAfterMs: (result as { error: ConnectorError & { kind: 'rate_limited' } }).error.retryAfterMs } : {}),
    };
    sides[sideOfKey(key)].push({ key, policy, report });
  }
  return sides;
}

/**
 * What a sync reserved in optional scopes and did not spend, to be given back: a Meta delivery
 * that only polls a running report (or reads one page of many) makes no entity reads, and kept
 * reservations of its three ads_management calls drained that budget over a long report's polls
 * until the delivery that finished the report had to skip the names. A throttled scope keeps its block.
 */
export function unusedOptionalReservations(result: SyncResult, plan: SyncPlan, admitted: Demand[]): Demand[] {
  const throttled = throttledKey({ platform: plan.platform, adAccountId: plan.adAccountId, memberId: plan.memberId }, result);
  return admitted
    .filter((d) => d.optional && d.key !== throttled)
    .map((d) => ({ key: d.key, policy: d.policy, cost: d.cost - callsFor(d.key, result) }))
    .filter((d) => d.cost > 0);
}

function throttledKey(ids: ScopeIds, result: SyncResult): string | null {
  if (result.ok || result.error.kind !== 'rate_limited') return null;
  return keyForScope(ids, result.error.scope, result.error.useCase);
}

function accountOutcome(result: SyncResult): CallReport['outcome'] {
  if (result.ok) return 'success';
  if (result.error.kind === 'rate_limited') return 'inconclusive';
  // The platform answered (a permanent or auth error is not an outage): only transient errors count.
  return result.error.kind === 'transient' ? 'failure' : 'success';
}
