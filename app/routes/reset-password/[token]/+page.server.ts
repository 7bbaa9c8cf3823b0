import { error, fail, redirect } from '@sveltejs/kit';
import { clientInfo } from '$lib/server/client-info';
import { readForm } from '$lib/server/form';
import { sha256Hex } from '$worker/auth/password';
import { resetPassword, viewResetLink } from '$worker/people/password-reset';
import { closeSessionSockets } from '$worker/realtime/close-sockets';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  const link = await viewResetLink(locals.db, params.token, new Date());
  return { usable: link !== null, email: link?.email ?? null };
};

export const actions: Actions = {
  default: async ({ locals, params, request, platform }) => {
    if (!platform) error(500, 'The app must run inside the Worker.');
    const form = await readForm(request);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) return fail(400, { message: 'The two passwords differ.' });
    const result = await resetPassword(
      locals.db,
      {
        token: params.token,
        password,
        currentSessionId: locals.sessionToken ? await sha256Hex(locals.sessionToken) : null,
        ip: clientInfo(request).ip,
      },
      new Date(),
    );
    if (!result.ok && result.reason === 'invalid_password') return fail(400, { message: result.message });
    if (!result.ok) return fail(410, { message: 'This link can no longer be used: ask for a new one.' });
    // The ended sessions' live sockets close too (as when a session is revoked).
    await Promise.all(
      result.endedSessionIds.map((sessionId) => closeSessionSockets(platform.env, locals.db, { userId: result.userId, sessionId })),
    );
    redirect(303, '/login?reset=done');
  },
};
