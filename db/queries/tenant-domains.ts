import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { tenantDomains } from '../schema';

/**
 * The tenant served on a custom hostname, or null. Runs before any tenant is known, so it sets
 * app.hostname, which row-level security lets see exactly that hostname's row (migration 0001).
 */
export async function findTenantIdByHostname(
  db: Database,
  hostname: string,
  options: { verifiedOnly?: boolean } = {},
): Promise<string | null> {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.hostname', ${host}, true)`);
    const [row] = await tx
      .select({ tenantId: tenantDomains.tenantId })
      .from(tenantDomains)
      .where(and(eq(tenantDomains.hostname, host), options.verifiedOnly ? eq(tenantDomains.verificationStatus, 'verified') : undefined));
    return row?.tenantId ?? null;
  });
}
