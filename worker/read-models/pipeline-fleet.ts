import type { Database } from '../../db/database';
import { listActiveTenantsAcrossTenants } from '../../db/queries/fleet';
import type { Platform } from '../../db/schema/enum-values';
import { PLATFORMS } from '../../db/schema/enum-values';
import type { AppQuotas } from '../realtime/budget';
import {
  type BudgetRows,
  type PipelineHealth,
  readPipelineHealth,
  summarizeTenant,
  type TenantPipelineSummary,
  worstTenantsFirst,
} from './pipeline-health';

/*
 * Pipeline health across tenants: an agency's clients (the agency page and its API) and the whole
 * fleet (the operator API and `npm run pipeline`). Each tenant is read in its own tenant scope by
 * readPipelineHealth, so no view here sees more of one tenant than the tenant's own page does.
 */

type TenantRef = { id: string; slug: string; name: string; dataVersion: number };

export interface PipelineOverview {
  generatedAt: string;
  /** Worst first. */
  tenants: TenantPipelineSummary[];
}

async function summarize(db: Database, tenants: TenantRef[], budgetsOf: (tenantId: string) => BudgetRows, now: Date) {
  const healths: PipelineHealth[] = [];
  for (const tenant of tenants) healths.push(await readPipelineHealth({ db, tenant, budgets: budgetsOf(tenant.id) }, now));
  return healths;
}

/** One line per tenant of the agency (the caller picks the tenants the user reaches through an agency). */
export async function readAgencyPipelineHealth(
  db: Database,
  tenants: TenantRef[],
  budgetsOf: (tenantId: string) => BudgetRows,
  now: Date,
): Promise<PipelineOverview> {
  const healths = await summarize(db, tenants, budgetsOf, now);
  return { generatedAt: now.toISOString(), tenants: worstTenantsFirst(healths.map(summarizeTenant)) };
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

export interface FleetPipelineHealth extends PipelineOverview {
  appQuotas: AppQuotaUse[];
}

/** Every active tenant, worst first, and the app-wide quotas every tenant shares. */
export async function readFleetPipelineHealth(
  db: Database,
  budgetsOf: (tenantId: string) => BudgetRows,
  quotas: AppQuotas,
  now: Date,
): Promise<FleetPipelineHealth> {
  const healths = await summarize(db, await listActiveTenantsAcrossTenants(db), budgetsOf, now);
  return {
    generatedAt: now.toISOString(),
    tenants: worstTenantsFirst(healths.map(summarizeTenant)),
    appQuotas: appQuotaUse(healths, quotas),
  };
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
