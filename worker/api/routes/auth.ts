import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { listTenantsForUser } from '../../../db/queries/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '../../auth/cookies';
import { signIn, signOut } from '../../auth/sign-in';
import { isSecureRequest } from '../../env';
import type { AppEnv } from '../context';
import { requireUser } from '../middleware/auth';
import { readJson } from '../validate';

const loginBody = z.object({
  email: z.string().trim().email('Enter a valid email address.').max(320),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', async (c) => {
    const body = await readJson(c, loginBody);
    const session = await signIn(c.get('db'), {
      ...body,
      ip: c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? '127.0.0.1',
      userAgent: c.req.header('user-agent') ?? '',
    });
    setCookie(c, SESSION_COOKIE, session.token, sessionCookieOptions(isSecureRequest(c.req.raw)));
    const tenants = await listTenantsForUser(c.get('db'), session.user.id);
    return c.json({ user: session.user, tenants });
  })
  .post('/auth/logout', async (c) => {
    await signOut(c.get('db'), c.get('scope').sessionToken);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .get('/me', requireUser, async (c) => {
    const user = c.get('user');
    return c.json({ user, tenants: await listTenantsForUser(c.get('db'), user.id) });
  });
