import { type Database, withTenant } from '../../db/client';
import { listAdAccountStatus } from '../../db/queries/connections';
import { listOnboardingLinkConnectionIds } from '../../db/queries/onboarding-links';
import type { Platform } from '../../db/schema/enum-values';

/** One ad account as the onboarding page shows it: no tokens, no figures, only the choice and the import's progress. */
export interface OnboardingAccount {
  id: string;
  platform: Platform;
  name: string;
  externalId: string;
  currency: string;
  picked: boolean;
  /** Discovered and never picked: the picker asks about it. */
  awaitingChoice: boolean;
  backfill: { windowsDone: number; windowsTotal: number; rows: number };
}

/**
 * The accounts of the grants made through one onboarding link, with their backfill progress: the
 * narrow read the link's page polls (never the tenant's other accounts or its dashboard data).
 */
export async function readOnboardingAccounts(db: Database, tenantId: string, linkId: string): Promise<OnboardingAccount[]> {
  return withTenant(db, tenantId, async (tx) => {
    const connectionIds = new Set(await listOnboardingLinkConnectionIds(tx, linkId));
    if (!connectionIds.size) return [];
    const accounts = await listAdAccountStatus(tx);
    return accounts
      .filter((a) => a.connectionId !== null && connectionIds.has(a.connectionId))
      .map((a) => ({
        id: a.id,
        platform: a.platform,
        name: a.name,
        externalId: a.externalId,
        currency: a.currency,
        picked: a.enabled,
        awaitingChoice: a.selectedAt === null,
        backfill: { windowsDone: a.backfill.windowsDone, windowsTotal: a.backfill.windowsTotal, rows: a.backfill.rows },
      }));
  });
}
