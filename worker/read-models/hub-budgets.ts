import type { Platform } from '../../db/schema/enum-values';
import type { StoredBudgetRow } from '../realtime/budget-view';
import type { BudgetRows } from './pipeline-health';

interface HubStub {
  setName(name: string): Promise<void>;
  budgets(): Promise<StoredBudgetRow[]>;
}
interface HubNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): HubStub;
}

/**
 * The tenant's stored budgets from its TenantHub (one RPC). This is partyserver's getServerByName
 * written out, because the page loads import it too and SvelteKit's build loads them in Node, where
 * partyserver's `cloudflare:workers` import cannot resolve. The bindings come in loosely typed: the
 * SvelteKit side holds them as `App.Platform['env']`, the API as the generated `Env`.
 */
export function tenantHubBudgets(env: object, tenantId: string): BudgetRows {
  return storedBudgets((env as { TenantHub: HubNamespace }).TenantHub, tenantId);
}

/** The app-wide budgets of one platform from its PlatformQuota (Meta app usage, Google's day, LinkedIn's app and members). */
export function platformQuotaBudgets(env: object, platform: Platform): BudgetRows {
  return storedBudgets((env as { PlatformQuota: HubNamespace }).PlatformQuota, platform);
}

function storedBudgets(namespace: HubNamespace, name: string): BudgetRows {
  return async () => {
    const stub = namespace.get(namespace.idFromName(name));
    await stub.setName(name);
    return stub.budgets();
  };
}
