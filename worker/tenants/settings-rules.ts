import { z } from 'zod';
import type { TenantSettings } from '../../db/queries/tenant-settings';
import type { TenantBranding } from '../../db/schema';
import { brandingSchema, reportingCurrencySchema, timeZoneSchema } from '../api/v1/schemas';

/*
 * The rules of a tenant's settings as its own admins change them (PATCH /api/tenants/:t/settings and
 * the settings page's forms): the provisioning API's field rules. Pure, so the API and the form
 * actions refuse exactly the same input.
 */

/** A branding field the settings page may set, or clear (null) to fall back to the default look. */
const clearable = <S extends z.ZodType>(schema: S) => schema.nullable().optional();

export const tenantSettingsSchema = z
  .object({
    reportingCurrency: reportingCurrencySchema.optional(),
    timeZone: timeZoneSchema.optional(),
    branding: z
      .object({
        displayName: clearable(brandingSchema.shape.productName.unwrap()),
        primaryColor: clearable(brandingSchema.shape.primaryColor.unwrap()),
        accentColor: clearable(brandingSchema.shape.accentColor.unwrap()),
      })
      .strict()
      .optional(),
  })
  .strict();

export type TenantSettingsRequest = z.infer<typeof tenantSettingsSchema>;

/** One changed setting, as the audit log records it. */
export interface SettingChange {
  field: 'reportingCurrency' | 'timeZone' | 'branding.displayName' | 'branding.primaryColor' | 'branding.accentColor';
  from: string | null;
  to: string | null;
}

const BRANDING_FIELDS = ['displayName', 'primaryColor', 'accentColor'] as const;

/** What a request really changes against the current settings: the columns to write and each change (none for a no-op). */
export function settingsChanges(
  current: TenantSettings,
  request: TenantSettingsRequest,
): { set: Partial<TenantSettings>; changes: SettingChange[] } {
  const set: Partial<TenantSettings> = {};
  const changes: SettingChange[] = [];
  for (const field of ['reportingCurrency', 'timeZone'] as const) {
    const to = request[field];
    if (to !== undefined && to !== current[field]) {
      set[field] = to;
      changes.push({ field, from: current[field], to });
    }
  }
  const branding: TenantBranding = { ...current.branding };
  for (const key of BRANDING_FIELDS) {
    const to = request.branding?.[key];
    if (to === undefined) continue;
    const from = current.branding[key] ?? null;
    if (to === from) continue;
    if (to === null) delete branding[key];
    else branding[key] = to;
    changes.push({ field: `branding.${key}`, from, to });
  }
  if (changes.some((c) => c.field.startsWith('branding.'))) set.branding = branding;
  return { set, changes };
}
