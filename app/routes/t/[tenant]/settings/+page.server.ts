import { withTenant } from '$db/database';
import { listPendingInvitations } from '$db/queries/invitations';
import { listMembers } from '$db/queries/members';
import { applyBranding } from '$lib/branding';
import { requireTenant } from '$lib/server/guards';
import { can, canManagePeople } from '$worker/auth/roles';
import { FX_CURRENCIES } from '$worker/fx/currencies';
import type { Actions, PageServerLoad } from './$types';
import { currencyOptions, timeZoneGroups } from './options';
import { invitableRoles, memberControls } from './people';
import { changeRole, removeMember, revokePending, sendInvitation } from './people-actions.server';
import { previewColors } from './preview-colors';
import { saveBranding, saveReporting } from './settings-actions.server';

/** The tenant's people as its managers see them (direct members; the agency's people are managed at the agency). */
async function readPeople(db: App.Locals['db'], tenant: { id: string; role: Parameters<typeof invitableRoles>[0] }, selfId: string) {
  const [members, invitations] = await withTenant(
    db,
    tenant.id,
    async (tx) => [await listMembers(tx), await listPendingInvitations(tx, new Date())] as const,
  );
  return {
    members: members.map((m) => ({
      ...m,
      since: m.since.toISOString(),
      you: m.userId === selfId,
      ...memberControls(tenant.role, m, selfId),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invitedBy,
      expiresAt: i.expiresAt.toISOString(),
    })),
    invitableRoles: invitableRoles(tenant.role),
  };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { user, tenant } = await requireTenant(locals, url, params.tenant);
  const canManage = can(tenant.role, 'manage_settings');
  const branding = tenant.branding ?? {};
  return {
    canManage,
    settings: {
      reportingCurrency: tenant.reportingCurrency,
      timeZone: tenant.timeZone,
      displayName: branding.displayName ?? '',
      primaryColor: branding.primaryColor ?? '',
      accentColor: branding.accentColor ?? '',
    },
    preview: { ...applyBranding(branding, tenant.name, tenant.id), tenantName: tenant.name, colors: previewColors(branding) },
    // Only a form needs the choices; members who read the settings get the values alone.
    options: canManage
      ? {
          currencies: currencyOptions(FX_CURRENCIES, tenant.reportingCurrency),
          timeZones: timeZoneGroups(Intl.supportedValuesOf('timeZone'), tenant.timeZone),
        }
      : null,
    people: canManagePeople(tenant.role) ? await readPeople(locals.db, tenant, user.id) : null,
  };
};

export const actions: Actions = {
  reporting: saveReporting,
  branding: saveBranding,
  invite: sendInvitation,
  role: changeRole,
  remove: removeMember,
  revoke: revokePending,
};
