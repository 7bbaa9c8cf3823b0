import { and, count, eq } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { adAccounts, ads, connections } from '../schema';

export interface BudgetInputs {
  /** Ads of the account whose status is active: Meta's BUC capacity grows with them. */
  activeAds: number;
  /** The platform member whose grant the account syncs with (LinkedIn counts a day per member). */
  memberId: string | null;
}

/** What the account's budgets depend on, from our own entities and connection. */
export async function loadBudgetInputs(tx: TenantTx, adAccountId: string): Promise<BudgetInputs> {
  const { db, tenantId } = tx;
  const [active] = await db
    .select({ n: count() })
    .from(ads)
    .where(and(eq(ads.tenantId, tenantId), eq(ads.adAccountId, adAccountId), eq(ads.status, 'active')));
  const [member] = await db
    .select({ memberId: connections.externalUserId })
    .from(adAccounts)
    .innerJoin(connections, and(eq(connections.id, adAccounts.connectionId), eq(connections.tenantId, tenantId)))
    .where(and(eq(adAccounts.tenantId, tenantId), eq(adAccounts.id, adAccountId)));
  return { activeAds: Number(active?.n ?? 0), memberId: member?.memberId ?? null };
}
