import type { Database } from '../../db/database';
import { listActiveTenantsAcrossTenants } from '../../db/queries/fleet';
import { PLATFORMS, type Platform } from '../../db/schema/enum-values';
import type { AppQuotas } from '../realtime/budget';
import { policyForKey } from '../realtime/budget-scopes';
import { type BudgetView, viewBudgets } from '../realtime/budget-view';
import { type BudgetRows, type PipelineHealth, readPipelineHealth } from './pipeline-health';
import { type AppQuotaUse, appQuotaUse, summarizeTenant, type TenantPipelineSummary, worstTenantsFirst } from './pipeline-summary';

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

async function summarize(db: Database, tenants: TenantRef[], budgetsOf: (tenantId: string) => BudgetRows, quotas: AppQuotas, now: Date) {
  const healths: PipelineHealth[] = [];
  for (const tenant of tenants) healths.push(await readPipelineHealth({ db, tenant, budgets: budgetsOf(tenant.id), quotas }, now));
  return healths;
}

/** One line per tenant of the agency (the caller picks the tenants the user reaches through an agency). */
export async function readAgencyPipelineHealth(
  db: Database,
  tenants: TenantRef[],
  budgetsOf: (tenantId: string) => BudgetRows,
  quotas: AppQuotas,
  now: Date,
): Promise<PipelineOverview> {
  const healths = await summarize(db, tenants, budgetsOf, quotas, now);
  return { generatedAt: now.toISOString(), tenants: worstTenantsFirst(healths.map(summarizeTenant)) };
}

export interface FleetPipelineHealth extends PipelineOverview {
  /** Calls the fleet's sync runs spent in each app-wide quota's window. */
  appQuotas: AppQuotaUse[];
  /** The app-wide budgets as the PlatformQuota objects hold them now: what the gates will admit next. */
  appBudgets: BudgetView[];
}

/** Every active tenant, worst first, and the app-wide quotas every tenant shares. */
export async function readFleetPipelineHealth(
  db: Database,
  budgets: { ofTenant: (tenantId: string) => BudgetRows; ofPlatform: (platform: Platform) => BudgetRows },
  quotas: AppQuotas,
  now: Date,
): Promise<FleetPipelineHealth> {
  const healths = await summarize(db, await listActiveTenantsAcrossTenants(db), budgets.ofTenant, quotas, now);
  const appRows = await Promise.all(
    PLATFORMS.map(async (platform) =>
      viewBudgets(await budgets.ofPlatform(platform)(), (key) => policyForKey(key, { platform, quotas }), now.getTime()),
    ),
  );
  return {
    generatedAt: now.toISOString(),
    tenants: worstTenantsFirst(healths.map(summarizeTenant)),
    appQuotas: appQuotaUse(healths, quotas),
    appBudgets: appRows.flat(),
  };
}
