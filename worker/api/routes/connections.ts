import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { getTenantForUser } from '../../../db/queries/auth';
import { platformSchema } from '../../../db/schema/enums';
import { readCookie } from '../../auth/cookies';
import { importStateKey, OAUTH_NONCE_COOKIE, OAUTH_STATE_TTL_MS, signState, verifyState } from '../../auth/oauth-state';
import { randomToken } from '../../auth/password';
import { canConnect } from '../../auth/roles';
import { importTokenKeyring } from '../../auth/token-crypto';
import { completeConnection } from '../../connections/connect';
import { getConnector } from '../../connectors/registry';
import { isSecureRequest, platformEndpoints, tokenKeys } from '../../env';
import { DEFAULT_BACKFILL_DAYS, MAX_BACKFILL_DAYS } from '../../jobs/backfill';
import { enqueueSyncs } from '../../jobs/enqueue';
import { clockOf } from '../../lib/clock';
import { readAdAccountCards } from '../../read-models/ad-accounts';
import { type AppContext, type AppEnv, tenantScope } from '../context';
import { AppError } from '../errors';
import { requireUser } from '../middleware/auth';
import { readParam, readQuery } from '../validate';

const connectQuery = z.object({
  backfillDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(Math.max(...Object.values(MAX_BACKFILL_DAYS)))
    .default(DEFAULT_BACKFILL_DAYS),
});
const callbackQuery = z.object({
  state: z.string().min(1).max(4096),
  code: z.string().min(1).max(4096).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

function callbackUrl(c: AppContext, platform: string): string {
  return `${new URL(c.req.url).origin}/api/oauth/${platform}/callback`;
}

/** `:platform` of the path; the message never echoes the parameter (it may be anything, NUL bytes included). */
function parsePlatform(c: AppContext) {
  return readParam(c, 'platform', platformSchema, `No such platform: use one of ${platformSchema.options.join(', ')}.`);
}

export const connectionRoutes = new Hono<AppEnv>()
  .get('/tenants/:tenant/ad-accounts', async (c) => {
    return c.json({ adAccounts: await readAdAccountCards(tenantScope(c), c.get('scope').clock.now()) });
  })
  .get('/tenants/:tenant/connections/:platform/connect', async (c) => {
    const platform = parsePlatform(c);
    const { backfillDays } = readQuery(c, connectQuery);
    const tenant = c.get('tenant');
    if (!canConnect(tenant.role)) throw new AppError('forbidden', 'Only owners, admins and editors can connect ad accounts.');
    const config = c.get('config');
    const nonce = randomToken(16);
    const state = await signState(await importStateKey(config.TOKEN_ENCRYPTION_KEY), {
      tenantId: tenant.id,
      platform,
      userId: c.get('user').id,
      nonce,
      backfillDays: Math.min(backfillDays, MAX_BACKFILL_DAYS[platform]),
      expiresAt: Date.now() + OAUTH_STATE_TTL_MS,
    });
    setCookie(c, OAUTH_NONCE_COOKIE, nonce, {
      httpOnly: true,
      secure: isSecureRequest(c.req.raw),
      sameSite: 'Lax',
      path: '/api/oauth',
      maxAge: OAUTH_STATE_TTL_MS / 1000,
    });
    const endpoints = platformEndpoints(config, platform);
    return c.redirect(
      getConnector(platform).oauth.authorizeUrl({
        authorizeBaseUrl: endpoints.authorizeBase,
        clientId: endpoints.app.clientId,
        redirectUri: callbackUrl(c, platform),
        state,
      }),
      302,
    );
  });

/** The platforms redirect here after consent; the session must belong to the user who started the flow. */
export const oauthCallbackRoutes = new Hono<AppEnv>().get('/oauth/:platform/callback', requireUser, async (c) => {
  const platform = parsePlatform(c);
  const query = readQuery(c, callbackQuery);
  const config = c.get('config');
  const verified = await verifyState(
    await importStateKey(config.TOKEN_ENCRYPTION_KEY),
    query.state,
    readCookie(c.req.header('cookie'), OAUTH_NONCE_COOKIE),
    Date.now(),
  );
  deleteCookie(c, OAUTH_NONCE_COOKIE, { path: '/api/oauth' });
  if (!verified.ok) throw new AppError('bad_request', `The connect flow could not be completed: ${verified.reason}.`);
  const { state } = verified;
  if (state.platform !== platform || state.userId !== c.get('user').id)
    throw new AppError('bad_request', 'The connect flow belongs to another user or platform.');
  // Membership is checked again: access may have changed while the user was at the platform.
  const tenant = await getTenantForUser(c.get('db'), state.userId, state.tenantId);
  if (!tenant || !canConnect(tenant.role)) throw new AppError('forbidden', 'You can no longer connect ad accounts for this tenant.');
  const back = new URL(`/t/${tenant.slug}/connections`, c.req.url);
  if (query.error || !query.code) {
    back.searchParams.set('connect_error', query.error_description ?? query.error ?? 'The platform did not return an authorization code.');
    return c.redirect(back.toString(), 302);
  }
  // The backfill's range and the tokens' expiry are in the pipeline's time (compressed in the benchmark).
  const clock = clockOf(config);
  const completed = await completeConnection(
    {
      db: c.get('db'),
      config,
      tokenKeys: await importTokenKeyring(tokenKeys(config)),
      fetch: (input, init) => fetch(input, init),
      now: () => clock.now(),
      enqueue: (messages) => enqueueSyncs(c.env, messages, 0, clock),
    },
    {
      tenantId: state.tenantId,
      tenantTimeZone: tenant.timeZone,
      platform,
      code: query.code,
      redirectUri: callbackUrl(c, platform),
      backfillDays: state.backfillDays,
    },
  );
  if (!completed.ok) {
    back.searchParams.set('connect_error', completed.error.message);
    return c.redirect(back.toString(), 302);
  }
  back.searchParams.set('connected', platform);
  back.searchParams.set('accounts', String(completed.result.adAccounts.length));
  return c.redirect(back.toString(), 302);
});
