import { type AppliedBranding, applyBranding } from '$lib/branding';
import type { LayoutServerLoad } from './$types';

/** The product's own look, or on a tenant's custom domain that tenant's, from the first byte (sign-in, errors). */
function siteBranding(host: App.Locals['host']): AppliedBranding {
  return host.kind === 'tenant'
    ? applyBranding(host.tenant.branding, host.tenant.name, host.tenant.id)
    : { displayName: 'Tidemark', logoUrl: null, faviconUrl: null, style: '', adjustments: [] };
}

export const load: LayoutServerLoad = ({ locals }) => ({ user: locals.user, site: siteBranding(locals.host) });
