import { getServerByName } from 'partyserver';
import type { StoredBudgetRow } from '../realtime/budget-view';
import type { TenantHub } from '../realtime/tenant-hub';
import type { BudgetRows } from './pipeline-health';

/**
 * The tenant's stored budgets from its TenantHub (one RPC). Takes the bindings loosely typed: the
 * SvelteKit side holds them as `App.Platform['env']`, the API as the generated `Env`.
 */
export function tenantHubBudgets(env: object, tenantId: string): BudgetRows {
  const namespace = (env as { TenantHub: DurableObjectNamespace<TenantHub> }).TenantHub;
  return async () => (await (await getServerByName(namespace, tenantId)).budgets()) as StoredBudgetRow[];
}
