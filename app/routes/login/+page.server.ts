import { fail, redirect } from '@sveltejs/kit';
import { formatWait } from '$lib/format';
import { safeNext } from '$lib/redirects';
import { readForm } from '$lib/server/form';
import { SESSION_COOKIE, sessionCookieOptions } from '$worker/auth/cookies';
import { signIn } from '$worker/auth/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), url.origin));
};

export const actions: Actions = {
  default: async ({ request, locals, cookies, url }) => {
    const form = await readForm(request);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) return fail(400, { email, message: 'Enter your email address and password.' });
    const signedIn = await signIn(locals.db, {
      email,
      password,
      ip: request.headers.get('cf-connecting-ip') ?? '127.0.0.1',
      userAgent: request.headers.get('user-agent') ?? '',
    });
    if (!signedIn.ok && signedIn.reason === 'locked') {
      return fail(429, {
        email,
        message: `Too many failed sign-in attempts. For your security, sign-in is paused: try again in ${formatWait(signedIn.retryAfterSeconds)}.`,
      });
    }
    if (!signedIn.ok) return fail(401, { email, message: 'The email or password is incorrect.' });
    const options = sessionCookieOptions(url.protocol === 'https:');
    cookies.set(SESSION_COOKIE, signedIn.session.token, { ...options, sameSite: 'lax' });
    redirect(303, safeNext(url.searchParams.get('next'), url.origin));
  },
};
