import { error } from '@sveltejs/kit';
import { applyBranding } from '$lib/branding';
import { resolveOnboardingLink } from '$worker/onboarding/access';
import { readOnboardingAccounts } from '$worker/onboarding/progress';
import type { PageServerLoad } from './$types';

/** The client's onboarding page: the tenant's branding, the link's platforms, and the accounts connected through it. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
  const resolved = await resolveOnboardingLink(locals.db, params.token, locals.host, new Date());
  if (!resolved.ok)
    error(
      404,
      resolved.reason === 'not_found'
        ? 'There is nothing at this address.'
        : `This link ${resolved.reason === 'expired' ? 'expired' : 'was revoked'}: ask for a new one.`,
    );
  const { link, tenant } = resolved.access;
  // The token is in the URL: keep the page out of caches (the page's meta tag keeps it out of Referer headers).
  setHeaders({ 'cache-control': 'no-store' });
  return {
    token: params.token,
    branding: applyBranding(tenant.branding, tenant.name, tenant.id),
    platforms: link.platforms,
    accounts: await readOnboardingAccounts(locals.db, tenant.id, link.id),
  };
};
