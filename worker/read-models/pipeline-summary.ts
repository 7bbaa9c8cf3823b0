/**
 * The lines of the agency and operator views, folded from tenants' pipeline health. Pure, with
 * table tests beside.
 */
import type { Platform } from '../../db/schema/enum-values';
import { PLATFORMS } from '../../db/schema/enum-values';
import type { AppQuotas } from '../realtime/budget';
import type { PipelineAccountHealth, PipelineHealth } from './pipeline-health';
import { type PipelineStatus, statusRank } from './pipeline-status';

/** One tenant's line in the agency and operator views: counts, its worst accounts, its dead letters. */
export interface TenantPipelineSummary {
  tenant: { id: string; slug: string; name: string };
  /** The worst status among its accounts ('healthy' for a tenant without accounts). */
  worstStatus: PipelineStatus;
  statusCounts: Record<PipelineStatus, number>;
  accounts: number;
  /** Longest measured lag among its accounts. */
  maxLagMinutes: number | null;
  deferrals: number;
  deadLetters: number;
  callsLastDay: number;
  /** Up to three accounts, worst first, that are not healthy. */
  worstAccounts: Array<Pick<PipelineAccountHealth, 'id' | 'name' | 'platform' | 'status' | 'lag' | 'nextAllowedAt'>>;
}

export function summarizeTenant(health: PipelineHealth): TenantPipelineSummary {
  const lags = health.accounts.map((a) => a.lag.minutes).filter((m): m is number => m !== null);
  return {
    tenant: health.tenant,
    worstStatus: health.accounts[0]?.status ?? 'healthy',
    statusCounts: health.statusCounts,
    accounts: health.accounts.length,
    maxLagMinutes: lags.length ? Math.max(...lags) : null,
    deferrals: health.accounts.reduce((sum, a) => sum + a.deferrals.count, 0),
    deadLetters: health.deadLetters.length,
    callsLastDay: health.accounts.reduce((sum, a) => sum + a.callsLastDay, 0),
    worstAccounts: health.accounts
      .filter((a) => a.status !== 'healthy' && a.status !== 'disabled')
      .slice(0, 3)
      .map(({ id, name, platform, status, lag, nextAllowedAt }) => ({ id, name, platform, status, lag, nextAllowedAt })),
  };
}

/** Tenant lines worst first (worst status, then the longest lag, then by name). */
export function worstTenantsFirst(summaries: TenantPipelineSummary[]): TenantPipelineSummary[] {
  return [...summaries].sort(
    (a, b) =>
      statusRank(a.worstStatus) - statusRank(b.worstStatus) ||
      (b.maxLagMinutes ?? -1) - (a.maxLagMinutes ?? -1) ||
      a.tenant.name.localeCompare(b.tenant.name),
  );
}

/** An app-wide quota against what the fleet spent of it (from the sync runs). */
export interface AppQuotaUse {
  platform: Platform;
  /** The window the platform counts the quota in. */
  window: 'hour' | 'day';
  quota: number;
  /** Calls in the current clock hour (Meta) or the last 24 hours (Google, LinkedIn). */
  callsInWindow: number;
  utilizationPct: number;
}

const QUOTA_WINDOWS: Record<Platform, { window: 'hour' | 'day'; quota: (q: AppQuotas) => number }> = {
  meta: { window: 'hour', quota: (q) => q.metaCallsPerHour },
  google_ads: { window: 'day', quota: (q) => q.googleOperationsPerDay },
  linkedin: { window: 'day', quota: (q) => q.linkedinCallsPerDay },
};

/** Sums the fleet's calls per platform over each quota's window. */
export function appQuotaUse(healths: PipelineHealth[], quotas: AppQuotas): AppQuotaUse[] {
  return PLATFORMS.map((platform) => {
    const { window, quota } = QUOTA_WINDOWS[platform];
    const accounts = healths.flatMap((h) => h.accounts.filter((a) => a.platform === platform));
    const callsInWindow = accounts.reduce(
      (sum, a) => sum + (window === 'hour' ? (a.callsPerHour.at(-1)?.apiCalls ?? 0) : a.callsLastDay),
      0,
    );
    const limit = quota(quotas);
    return { platform, window, quota: limit, callsInWindow, utilizationPct: limit > 0 ? Math.round((callsInWindow / limit) * 100) : 0 };
  });
}
