import { eq } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { type TenantBranding, tenants } from '../schema';

/** What a tenant's own admins may change on the settings page (worker/tenants/settings.ts). */
export interface TenantSettings {
  reportingCurrency: string;
  timeZone: string;
  branding: TenantBranding;
}

/** The tenant's settings, its row locked until the transaction ends (two admins saving at once queue, and each audit entry names what it replaced). */
export async function lockTenantSettings(tx: TenantTx): Promise<TenantSettings | null> {
  const [row] = await tx.db
    .select({ reportingCurrency: tenants.reportingCurrency, timeZone: tenants.timeZone, branding: tenants.branding })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId))
    .for('update');
  return row ?? null;
}

/** Writes the given settings of the scope's tenant (only the fields present). */
export async function updateTenantSettings(tx: TenantTx, set: Partial<TenantSettings>): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await tx.db.update(tenants).set(set).where(eq(tenants.id, tx.tenantId));
}
