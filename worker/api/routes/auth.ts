import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { listTenantsForUser, listUserSessions } from '../../../db/queries/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '../../auth/cookies';
import { sha256Hex } from '../../auth/password';
import { revokeSessionByHandle, viewSessions } from '../../auth/sessions';
import { type SignInResult, signIn, signOut } from '../../auth/sign-in';
import { isSecureRequest } from '../../env';
import { closeSessionSockets } from '../../realtime/close-sockets';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { requireUser } from '../middleware/auth';
import { readJson } from '../validate';

const loginBody = z.object({
  email: z.string().trim().email('Enter a valid email address.').max(320),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

/** A refused sign-in as the API answers it: 429 with Retry-After while locked, 401 otherwise. */
function signInRefusal(refused: Exclude<SignInResult, { ok: true }>): AppError {
  if (refused.reason === 'locked') {
    const seconds = refused.retryAfterSeconds;
    return new AppError('too_many_requests', `Too many failed sign-in attempts. Try again in ${seconds} seconds.`, {
      headers: { 'retry-after': String(seconds) },
    });
  }
  return new AppError('invalid_credentials', 'The email or password is incorrect.');
}

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', async (c) => {
    const body = await readJson(c, loginBody);
    const signedIn = await signIn(c.get('db'), {
      ...body,
      ip: c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? '127.0.0.1',
      userAgent: c.req.header('user-agent') ?? '',
    });
    if (!signedIn.ok) throw signInRefusal(signedIn);
    const { session } = signedIn;
    setCookie(c, SESSION_COOKIE, session.token, sessionCookieOptions(isSecureRequest(c.req.raw)));
    const tenants = await listTenantsForUser(c.get('db'), session.user.id);
    return c.json({ user: session.user, tenants });
  })
  .post('/auth/logout', async (c) => {
    const ended = await signOut(c.get('db'), c.get('scope').sessionToken);
    if (ended) await closeSessionSockets(c.env, c.get('db'), ended);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .get('/me', requireUser, async (c) => {
    const user = c.get('user');
    return c.json({ user, tenants: await listTenantsForUser(c.get('db'), user.id) });
  })
  .get('/me/sessions', requireUser, async (c) => {
    const current = c.get('scope').sessionToken;
    const sessions = await listUserSessions(c.get('db'), c.get('user').id);
    return c.json({ sessions: await viewSessions(sessions, current ? await sha256Hex(current) : null) });
  })
  .delete('/me/sessions/:id', requireUser, async (c) => {
    const handle = c.req.param('id');
    const user = c.get('user');
    const sessionId = /^[0-9a-f]{24}$/.test(handle) ? await revokeSessionByHandle(c.get('db'), user.id, handle) : null;
    if (!sessionId) throw new AppError('not_found', 'No such session of yours.');
    await closeSessionSockets(c.env, c.get('db'), { userId: user.id, sessionId });
    const current = c.get('scope').sessionToken;
    if (current && (await sha256Hex(current)) === sessionId) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
