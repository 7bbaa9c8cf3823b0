import { fail, redirect } from '@sveltejs/kit';
import { applyBranding } from '$lib/branding';
import { formatWait } from '$lib/format';
import { clientInfo } from '$lib/server/client-info';
import { readForm } from '$lib/server/form';
import { SESSION_COOKIE, sessionCookieOptions } from '$worker/auth/cookies';
import { openSession, signIn } from '$worker/auth/sign-in';
import { type AcceptResult, acceptAsNewUser, acceptAsUser, type InvitationView, viewInvitation } from '$worker/people/accept';
import type { Actions, PageServerLoad } from './$types';
import { describeInvitation } from './describe';

/**
 * On a tenant's custom domain only that tenant's invitations exist: any other (another tenant's, the
 * agency's) reads as an unknown link there, so the domain never shows another name.
 */
async function viewOnThisHost(locals: App.Locals, token: string, now: Date): Promise<InvitationView> {
  const view = await viewInvitation(locals.db, token, now);
  if (locals.host.kind !== 'tenant' || view.state === 'unknown') return view;
  return view.invitation.tenant?.id === locals.host.tenant.id ? view : { state: 'unknown' };
}

export const load: PageServerLoad = async ({ locals, params, parent, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  const view = await viewOnThisHost(locals, params.token, new Date());
  const { site } = await parent();
  const tenant = view.state === 'unknown' ? null : view.invitation.tenant;
  return {
    brand: tenant ? applyBranding(tenant.branding, tenant.name, tenant.id) : site,
    invitation: describeInvitation(view),
    signedInAs: locals.user?.email ?? null,
  };
};

function refused(result: Exclude<AcceptResult, { ok: true }>) {
  switch (result.reason) {
    case 'invalid_password':
      return fail(400, { message: result.message });
    case 'invalid_name':
      return fail(400, { message: 'Enter your name.' });
    case 'wrong_user':
      return fail(403, { message: 'You are signed in with another account: sign out, then open the link again.' });
    case 'account_exists':
      return fail(409, { message: 'This email already has an account: reload the page and sign in to accept.' });
    case 'not_pending':
      return fail(410, { message: 'This invitation can no longer be used.' });
  }
}

export const actions: Actions = {
  default: async ({ locals, params, request, cookies, url }) => {
    const form = await readForm(request);
    const password = String(form.get('password') ?? '');
    const now = new Date();
    const cookieOptions = { ...sessionCookieOptions(url.protocol === 'https:'), sameSite: 'lax' as const };
    const view = await viewOnThisHost(locals, params.token, now);
    if (view.state !== 'pending') return fail(410, { message: 'This invitation can no longer be used.' });
    let result: AcceptResult;
    if (locals.user) {
      result = await acceptAsUser(locals.db, params.token, locals.user, now);
    } else {
      if (view.hasAccount) {
        const signedIn = await signIn(locals.db, { email: view.invitation.email, password, ...clientInfo(request) }, now);
        if (!signedIn.ok && signedIn.reason === 'locked')
          return fail(429, { message: `Too many failed sign-in attempts: try again in ${formatWait(signedIn.retryAfterSeconds)}.` });
        if (!signedIn.ok) return fail(401, { message: 'The password is incorrect.' });
        cookies.set(SESSION_COOKIE, signedIn.session.token, cookieOptions);
        result = await acceptAsUser(locals.db, params.token, signedIn.session.user, now);
      } else {
        result = await acceptAsNewUser(locals.db, params.token, { name: String(form.get('name') ?? ''), password }, now);
        if (result.ok) {
          const email = view.invitation.email;
          const session = await openSession(
            locals.db,
            { id: result.userId, email, name: String(form.get('name')).trim() },
            clientInfo(request),
            now,
          );
          cookies.set(SESSION_COOKIE, session.token, cookieOptions);
        }
      }
    }
    if (!result.ok) return refused(result);
    redirect(303, result.tenantSlug ? `/t/${result.tenantSlug}` : '/');
  },
};
