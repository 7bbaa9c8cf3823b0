/**
 * Sends what one sync learnt to the budget it belongs to: account (and member) signals to the
 * ad account's budget in TenantHub, app-wide signals to PlatformQuota. Mixing them let one hot
 * ad account block the whole app. Pure.
 */
import type { SyncResult, UsageScope, UsageSignal } from '../connectors/types';
import type { UsageReading } from './budget';
import type { CallReport } from './budget-store';

export type BudgetSide = 'account' | 'app';

/**
 * Meta app usage and Google's daily operations (per developer token) are app-wide; an ad
 * account's or a member's limit is not, so it stays with the account it was read on.
 */
export function budgetSide(scope: UsageScope): BudgetSide {
  return scope === 'app' || scope === 'daily' ? 'app' : 'account';
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

/**
 * One report per budget. A throttle blocks only the side its scope names; the other side learns
 * nothing about health from it ('inconclusive'). Failures drive only the account's breaker: one
 * flaky account must not open an app-wide breaker. Every call is charged to both sides.
 */
export function reportsFor(result: SyncResult): Record<BudgetSide, CallReport> {
  const calls = result.apiCalls;
  const usage = (side: BudgetSide) => result.usage.filter((s) => budgetSide(s.scope) === side).map(usageReading);
  const account: CallReport = { outcome: accountOutcome(result), usage: usage('account'), calls };
  const app: CallReport = { outcome: 'inconclusive', usage: usage('app'), calls };
  if (!result.ok && result.error.kind === 'rate_limited') {
    const throttled = budgetSide(result.error.scope) === 'app' ? app : account;
    throttled.outcome = 'rate_limited';
    throttled.retryAfterMs = result.error.retryAfterMs;
  }
  return { account, app };
}

function accountOutcome(result: SyncResult): CallReport['outcome'] {
  if (result.ok) return 'success';
  if (result.error.kind === 'rate_limited') return 'inconclusive';
  // The platform answered (a permanent or auth error is not an outage): only transient errors count.
  return result.error.kind === 'transient' ? 'failure' : 'success';
}
