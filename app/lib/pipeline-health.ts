/** How the pipeline-health pages word the read model's figures. Pure. */
import type { PipelineStatus } from '$worker/read-models/pipeline-status';

export type { PipelineAccountHealth, PipelineHealth } from '$worker/read-models/pipeline-health';
export type { PipelineStatus } from '$worker/read-models/pipeline-status';
export type { TenantPipelineSummary } from '$worker/read-models/pipeline-summary';

export const STATUS_LABELS: Record<PipelineStatus, string> = {
  needs_reauth: 'Needs re-authorization',
  failing: 'Failing',
  breaker_open: 'Breaker open',
  throttled: 'Throttled',
  lagging: 'Lagging',
  healthy: 'Healthy',
  disabled: 'Paused',
};

/** Statuses that need someone's attention are drawn as problems. */
export function isProblem(status: PipelineStatus): boolean {
  return status === 'needs_reauth' || status === 'failing' || status === 'breaker_open';
}

export const OUTCOME_LABELS: Record<string, string> = {
  ok: 'OK',
  rate_limited: 'Rate-limited',
  auth_failed: 'Authorization failed',
  transient: 'Temporary error',
  permanent: 'Refused for good',
};

/** "12 min (within the 15 min target)" / "47 min (32 min behind)" / "not measured". */
export function describeLag(lag: { minutes: number | null; behindTargetMinutes: number | null }, targetMinutes: number): string {
  if (lag.minutes === null) return 'not measured';
  if (!lag.behindTargetMinutes) return `${lag.minutes} min (within the ${targetMinutes} min target)`;
  return `${lag.minutes} min (${lag.behindTargetMinutes} min behind)`;
}

/** "now" when a call may go out now, else the wait ("in 4 min", "in 40 s"); "no budget yet" without one. */
export function describeNextCall(nextAllowedAt: string | null, now: Date): string {
  if (nextAllowedAt === null) return 'now (no budget used yet)';
  const waitMs = Date.parse(nextAllowedAt) - now.getTime();
  if (waitMs <= 0) return 'now';
  if (waitMs < 60_000) return `in ${Math.ceil(waitMs / 1000)} s`;
  if (waitMs < 3_600_000) return `in ${Math.ceil(waitMs / 60_000)} min`;
  return `in ${Math.floor(waitMs / 3_600_000)} h ${Math.ceil((waitMs % 3_600_000) / 60_000)} min`;
}

export const BREAKER_LABELS = { closed: 'Closed', open: 'Open', half_open: 'Half-open (probing)' } as const;

/** The deferral count with its reasons, e.g. "3 (budget 2, quota 1)"; "none" for zero. */
export function describeDeferrals(deferrals: { count: number; byReason: Record<string, number> }): string {
  if (!deferrals.count) return 'none';
  const parts = Object.entries(deferrals.byReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`);
  return `${deferrals.count} (${parts.join(', ')})`;
}

/** The anchor id of an account's row on the pipeline page (the Connections page links to it). */
export const accountAnchor = (adAccountId: string) => `account-${adAccountId}`;

/** "sunsets Mar 16, 2027 (105 days)" / "sunsets in 45 days: plan the upgrade" / "… upgrade now". */
export function describeSunset(version: { sunset: string; daysToSunset: number; level: 'ok' | 'warn' | 'critical' }): string {
  const date = new Date(`${version.sunset}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (version.daysToSunset < 0) return `sunset on ${date}: calls fail until the connector is upgraded`;
  if (version.level === 'critical') return `sunsets on ${date}, in ${version.daysToSunset} days: upgrade now`;
  if (version.level === 'warn') return `sunsets on ${date}, in ${version.daysToSunset} days: plan the upgrade`;
  return `sunsets on ${date} (${version.daysToSunset} days)`;
}

/**
 * The page's "now" for countdowns: the server's instant when it read the figures plus the time since,
 * so waits count down on the Worker's clock (compressed in the sync benchmark), not the browser's.
 */
export function clockSince(generatedAt: string, loadedAtMs: number, nowMs: number): Date {
  return new Date(Date.parse(generatedAt) + Math.max(0, nowMs - loadedAtMs));
}
