import { withTenant } from '../../db/database';
import { loadBudgetInputs } from '../../db/queries/budget-inputs';
import { listLatestDecisiveRuns } from '../../db/queries/connections';
import { type DeadLetterSummaryRow, listPipelineFacts, listTenantDeadLetters, type PipelineFacts } from '../../db/queries/pipeline-health';
import { type Platform, SYNC_LANES, type SyncLane } from '../../db/schema/enum-values';
import { syncState } from '../connections/sync-state';
import { apiVersionStatuses, type SunsetStatus } from '../connectors/api-versions';
import type { AppQuotas } from '../realtime/budget';
import { parseBudgetKey } from '../realtime/budget-keys';
import { policyForKey } from '../realtime/budget-scopes';
import { type BreakerView, type BudgetView, type StoredBudgetRow, viewBudgets } from '../realtime/budget-view';
import {
  countByStatus,
  type Deferrals,
  HOURS_SHOWN,
  type HourCalls,
  hourlyBuckets,
  LAG_TARGET_MINUTES,
  type Lag,
  lagOf,
  measuredLag,
  type PipelineStatus,
  pipelineStatus,
  sumDeferrals,
  worstFirst,
} from './pipeline-status';
import type { TenantReadScope } from './scope';

/*
 * Not cached, like the ad-accounts view: breakers, blocks and lag move with the clock, none of
 * which bumps the data version. The API route and the page load both call readPipelineHealth.
 */

/** Where the view reads the tenant's stored budgets from (TenantHub.budgets(); hub-budgets.ts). */
export type BudgetRows = () => Promise<StoredBudgetRow[]>;

export interface PipelineTenantScope extends TenantReadScope {
  tenant: TenantReadScope['tenant'] & { slug: string; name: string };
  budgets: BudgetRows;
  /** The app's quotas and Meta access tier (configuration): what each scope's capacity is measured against. */
  quotas: AppQuotas;
}

/** The account's budget as the card shows it (the tightest of its scopes when it has several). */
export type AccountBudget = Pick<BudgetView, 'capacity' | 'tokensLeft' | 'utilizationPct' | 'blockedUntil'> & {
  /** Of the account's most used scope that has a count (a gate has none). */
  capacityPerHour: number;
  /** The scope the figures are of (`account`, `ads_insights`, …). */
  scope: string;
  scopes: string[];
};

export interface PipelineAccountHealth {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
  status: PipelineStatus;
  connectionStatus: 'active' | 'needs_reauth' | 'revoked' | null;
  /** When the account's data last landed (a deferral is never a sync). */
  lastSyncedAt: string | null;
  /** The latest run that reached the platform, whatever its outcome. */
  lastRun: { lane: SyncLane; outcome: string; finishedAt: string; error: string | null } | null;
  /** Null for accounts whose lag is not measured (failing, disabled, needing re-authorization). */
  lag: Lag;
  budget: AccountBudget | null;
  breaker: BreakerView | null;
  /** When the gates would admit the next call; null when the account has no stored budget yet (nothing holds it back). */
  nextAllowedAt: string | null;
  /** The same per lane: settling and backfill wait longer when a scope is scarce (they leave a reserve for hot). */
  nextAllowedByLane: Record<SyncLane, string> | null;
  /** API calls per hour over the last day, oldest first, to set against `budget.capacityPerHour`. */
  callsPerHour: HourCalls[];
  callsLastDay: number;
  deferrals: Deferrals;
  deadLetters: number;
  /** The platform's reason and what to do, when the account fails for good. */
  failure: { reason: string; action: string } | null;
}

export interface PipelineHealth {
  tenant: { id: string; slug: string; name: string };
  generatedAt: string;
  lagTargetMinutes: number;
  hoursShown: number;
  statusCounts: Record<PipelineStatus, number>;
  /** Worst first. */
  accounts: PipelineAccountHealth[];
  deadLetters: Array<Omit<DeadLetterSummaryRow, 'receivedAt'> & { receivedAt: string }>;
  /** Each connector's pinned API version and its sunset: warns 60 days ahead (worker/connectors/api-versions.ts). */
  apiVersions: SunsetStatus[];
}

/** The tenant's pipeline health as of `now`. */
export async function readPipelineHealth(scope: PipelineTenantScope, now: Date): Promise<PipelineHealth> {
  const since = new Date(now.getTime() - HOURS_SHOWN * 3_600_000);
  const { db, tenant } = scope;
  const [facts, decisive, activeAds] = await withTenant(db, tenant.id, async (tx) => {
    const facts = await listPipelineFacts(tx, since);
    const metaAccounts = facts.accounts.filter((a) => a.platform === 'meta');
    const activeAds = new Map<string, number>();
    for (const a of metaAccounts) activeAds.set(a.id, (await loadBudgetInputs(tx, a.id)).activeAds);
    return [facts, await listLatestDecisiveRuns(tx), activeAds] as const;
  });
  const [rows, letters] = await Promise.all([scope.budgets(), listTenantDeadLetters(db, tenant.id)]);
  const accountsById = new Map(facts.accounts.map((a) => [a.id, a]));
  // Only this tenant's account-side rows (the ad account's own and its Meta use cases) are measured here.
  const policyOf = (key: string) => {
    const parsed = parseBudgetKey(key);
    const account = parsed && 'adAccountId' in parsed ? accountsById.get(parsed.adAccountId) : undefined;
    if (!account) return null;
    return policyForKey(key, { platform: account.platform, quotas: scope.quotas, activeAds: activeAds.get(account.id) ?? 0 });
  };
  const budgets = viewBudgets(rows, policyOf, now.getTime());
  const accounts = facts.accounts.map((account) => {
    const runs = decisive.filter((r) => r.adAccountId === account.id);
    return accountHealth(account, facts, { runs, budgets: budgets.filter((b) => b.owner === account.id), letters }, now);
  });
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    generatedAt: now.toISOString(),
    lagTargetMinutes: LAG_TARGET_MINUTES,
    hoursShown: HOURS_SHOWN,
    statusCounts: countByStatus(accounts.map((a) => a.status)),
    accounts: worstFirst(accounts),
    deadLetters: letters.map((l) => ({ ...l, receivedAt: l.receivedAt.toISOString() })),
    apiVersions: apiVersionStatuses(now),
  };
}

type DecisiveRuns = Awaited<ReturnType<typeof listLatestDecisiveRuns>>;

function accountHealth(
  account: PipelineFacts['accounts'][number],
  facts: PipelineFacts,
  own: { runs: DecisiveRuns; budgets: BudgetView[]; letters: DeadLetterSummaryRow[] },
  now: Date,
): PipelineAccountHealth {
  const state = syncState(account.platform, own.runs);
  const lastRun = facts.lastRuns.find((r) => r.adAccountId === account.id) ?? null;
  const tightest = own.budgets.reduce<BudgetView | null>((a, b) => (!a || b.nextAllowedAt > a.nextAllowedAt ? b : a), null);
  const mostUsed = own.budgets
    .filter((b): b is BudgetView & { capacityPerHour: number } => b.capacityPerHour !== null)
    .reduce<(BudgetView & { capacityPerHour: number }) | null>((a, b) => (!a || b.utilizationPct > a.utilizationPct ? b : a), null);
  const breaker = worstBreaker(own.budgets);
  const callsPerHour = hourlyBuckets(
    facts.hourlyCalls.filter((r) => r.adAccountId === account.id),
    now,
  );
  const rawLag = lagOf(account.lastSyncedAt, now);
  const status = pipelineStatus(
    {
      enabled: account.enabled,
      connectionStatus: account.connectionStatus,
      permanentlyFailing: state.state === 'failing',
      failuresSinceOk: facts.failuresSinceOk.find((f) => f.adAccountId === account.id)?.count ?? 0,
      breaker: breaker?.state ?? null,
      nextAllowedAt: tightest ? new Date(tightest.nextAllowedAt) : null,
      lastOutcome: lastRun?.outcome ?? null,
      lag: rawLag,
    },
    now,
  );
  return {
    id: account.id,
    platform: account.platform,
    externalId: account.externalId,
    name: account.name,
    status,
    connectionStatus: account.connectionStatus,
    lastSyncedAt: account.lastSyncedAt?.toISOString() ?? null,
    lastRun: lastRun
      ? { lane: lastRun.lane, outcome: lastRun.outcome, finishedAt: lastRun.finishedAt.toISOString(), error: lastRun.error }
      : null,
    lag: measuredLag(status, rawLag),
    budget: mostUsed
      ? {
          capacityPerHour: mostUsed.capacityPerHour,
          capacity: mostUsed.capacity,
          tokensLeft: mostUsed.tokensLeft,
          utilizationPct: mostUsed.utilizationPct,
          blockedUntil: tightest?.blockedUntil ?? mostUsed.blockedUntil,
          scope: mostUsed.scope,
          scopes: own.budgets.map((b) => b.scope),
        }
      : null,
    breaker,
    nextAllowedAt: tightest?.nextAllowedAt ?? null,
    nextAllowedByLane: own.budgets.length ? latestPerLane(own.budgets) : null,
    callsPerHour,
    callsLastDay: callsPerHour.reduce((sum, h) => sum + h.apiCalls, 0),
    deferrals: sumDeferrals(facts.deferrals.filter((d) => d.adAccountId === account.id)),
    deadLetters: own.letters.filter((l) => l.adAccountId === account.id).length,
    failure: state.state === 'failing' ? { reason: state.reason, action: state.action } : null,
  };
}

const BREAKER_RANK: Record<BreakerView['state'], number> = { open: 2, half_open: 1, closed: 0 };

function worstBreaker(budgets: BudgetView[]): BreakerView | null {
  return budgets.reduce<BreakerView | null>((a, b) => (!a || BREAKER_RANK[b.breaker.state] > BREAKER_RANK[a.state] ? b.breaker : a), null);
}

/** Per lane, the latest of the scopes' next allowed calls: a sync needs every scope it spends. */
function latestPerLane(budgets: BudgetView[]): Record<SyncLane, string> {
  const latest = (lane: SyncLane) => budgets.map((b) => b.nextAllowedByLane[lane]).reduce((a, b) => (b > a ? b : a));
  return Object.fromEntries(SYNC_LANES.map((lane) => [lane, latest(lane)])) as Record<SyncLane, string>;
}
