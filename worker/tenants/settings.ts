/**
 * A tenant's admins changing its reporting currency, time zone and branding colours: the rule
 * (manage_settings, worker/auth/roles.ts), the change and its audit entry in one tenant transaction.
 * Dashboard answers need no flush: their cache key carries the reporting currency, and the date
 * window a time zone picks (worker/read-models/report.ts).
 */
import type { Database } from '../../db/database';
import { withTenant } from '../../db/database';
import { recordTenantAudit } from '../../db/queries/audit';
import { lockTenantSettings, type TenantSettings, updateTenantSettings } from '../../db/queries/tenant-settings';
import type { MembershipRole } from '../../db/schema';
import { can } from '../auth/roles';
import { type SettingChange, settingsChanges, type TenantSettingsRequest } from './settings-rules';

export type SettingsResult =
  | { ok: true; settings: TenantSettings; changes: SettingChange[] }
  | { ok: false; reason: 'forbidden' | 'not_found' };

export interface SettingsTenant {
  id: string;
  agencyId: string | null;
  /** The actor's role in the tenant (direct or through its agency). */
  role: MembershipRole;
}

/** Applies the request if the actor may; a request that changes nothing writes nothing (no audit entry either). */
export async function changeTenantSettings(
  db: Database,
  tenant: SettingsTenant,
  actorUserId: string,
  request: TenantSettingsRequest,
): Promise<SettingsResult> {
  if (!can(tenant.role, 'manage_settings')) return { ok: false, reason: 'forbidden' };
  return withTenant(db, tenant.id, async (tx) => {
    const current = await lockTenantSettings(tx);
    if (!current) return { ok: false, reason: 'not_found' };
    const { set, changes } = settingsChanges(current, request);
    if (changes.length === 0) return { ok: true, settings: current, changes };
    await updateTenantSettings(tx, set);
    await recordTenantAudit(
      tx,
      { action: 'tenant.settings_changed', target: tenant.id, actorUserId, details: { changes } },
      tenant.agencyId,
    );
    return { ok: true, settings: { ...current, ...set }, changes };
  });
}
