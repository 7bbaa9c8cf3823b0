import { Hono } from 'hono';
import type { TenantSettings } from '../../../db/queries/tenant-settings';
import { can } from '../../auth/roles';
import { changeTenantSettings } from '../../tenants/settings';
import { tenantSettingsSchema } from '../../tenants/settings-rules';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { readJson } from '../validate';

const FORBIDDEN = 'Only the tenant’s admins (or its agency’s owners and admins) change its settings; other members see them read-only.';

function present(settings: TenantSettings) {
  const { displayName, primaryColor, accentColor } = settings.branding;
  return {
    reportingCurrency: settings.reportingCurrency,
    timeZone: settings.timeZone,
    branding: { displayName: displayName ?? null, primaryColor: primaryColor ?? null, accentColor: accentColor ?? null },
  };
}

/**
 * PATCH /api/tenants/:tenant/settings: the reporting currency, time zone and branding colours, for the
 * tenant's admins (mounted under tenantRoutes, which resolves the tenant and the member's role).
 * Fields left out keep their value; a branding field set to null returns to the default look.
 */
export const tenantSettingsRoutes = new Hono<AppEnv>().patch('/tenants/:tenant/settings', async (c) => {
  const tenant = c.get('tenant');
  // The role is checked before the body is read: a viewer learns nothing about what would be valid.
  if (!can(tenant.role, 'manage_settings')) throw new AppError('forbidden', FORBIDDEN);
  const body = await readJson(c, tenantSettingsSchema);
  const result = await changeTenantSettings(c.get('db'), tenant, c.get('user').id, body);
  if (!result.ok) throw result.reason === 'forbidden' ? new AppError('forbidden', FORBIDDEN) : new AppError('not_found', 'No such tenant.');
  return c.json({ settings: present(result.settings), changed: result.changes.map((change) => change.field) });
});
