import { error, fail } from '@sveltejs/kit';
import { readForm } from '$lib/server/form';
import { requireTenant } from '$lib/server/guards';
import { can } from '$worker/auth/roles';
import { changeTenantSettings } from '$worker/tenants/settings';
import type { SettingChange } from '$worker/tenants/settings-rules';
import { tenantSettingsSchema } from '$worker/tenants/settings-rules';
import type { RequestEvent } from './$types';
import { type FormAnswer, fieldErrors, type SettingsForm } from './form-answer';

const FORBIDDEN = 'Only the tenant’s admins (or its agency’s owners and admins) change its settings.';

/** A text field as sent, or undefined when the form has no such field (the setting is then left as it is). */
function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : undefined;
}

function describe(changes: SettingChange[]): string {
  if (changes.length === 0) return 'Nothing to save: these are the current settings.';
  const said = changes.map((c) => {
    if (c.field === 'reportingCurrency') return `dashboards report money in ${c.to}`;
    if (c.field === 'timeZone') return `dates such as “today” follow ${c.to}`;
    return null;
  });
  const reporting = said.filter((s): s is string => s !== null);
  return reporting.length ? `Saved: ${reporting.join('; ')}.` : 'Branding saved.';
}

/** Validates and applies one settings form; a refusal keeps what was typed and names each wrong field. */
async function save(event: RequestEvent, form: SettingsForm, read: (data: FormData) => Record<string, unknown>) {
  const { user, tenant } = await requireTenant(event.locals, event.url, event.params.tenant);
  // A refused member gets the error page, never this tenant's page.
  if (!can(tenant.role, 'manage_settings')) error(403, FORBIDDEN);
  const data = await readForm(event.request);
  const raw = read(data);
  const values = Object.fromEntries([...data.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
  const parsed = tenantSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(400, {
      form,
      ok: false,
      message: 'Nothing was saved: check the fields marked below.',
      errors: fieldErrors(parsed.error.issues),
      values,
    } satisfies FormAnswer);
  }
  const result = await changeTenantSettings(event.locals.db, tenant, user.id, parsed.data);
  if (!result.ok) error(result.reason === 'forbidden' ? 403 : 404, result.reason === 'forbidden' ? FORBIDDEN : 'No such tenant.');
  return { form, ok: true, message: describe(result.changes) } satisfies FormAnswer;
}

/** The reporting currency and time zone form. */
export const saveReporting = (event: RequestEvent) =>
  save(event, 'reporting', (data) => ({ reportingCurrency: field(data, 'reportingCurrency'), timeZone: field(data, 'timeZone') }));

/** The branding form: display name and colours; an empty field returns to the default. */
export const saveBranding = (event: RequestEvent) =>
  save(event, 'branding', (data) => {
    const clearable = (name: string) => {
      const value = field(data, name);
      return value === '' ? null : value;
    };
    return {
      branding: { displayName: clearable('displayName'), primaryColor: clearable('primaryColor'), accentColor: clearable('accentColor') },
    };
  });
