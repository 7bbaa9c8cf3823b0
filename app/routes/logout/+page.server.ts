import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$worker/auth/cookies';
import { signOut } from '$worker/auth/sign-in';
import { closeSessionSockets } from '$worker/realtime/close-sockets';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (a form button); a plain visit just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ locals, cookies, platform }) => {
    const ended = await signOut(locals.db, locals.sessionToken);
    if (ended && platform) await closeSessionSockets(platform.env, locals.db, ended);
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/login');
  },
};
