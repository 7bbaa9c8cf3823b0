import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { withTenant } from '../../../db/client';
import { getTenantForUser } from '../../../db/queries/auth';
import { findOnboardingLink, getOnboardingTenant } from '../../../db/queries/onboarding-links';
import { readCookie } from '../../auth/cookies';
import { importStateKey, OAUTH_NONCE_COOKIE, OAUTH_STATE_TTL_MS, type OAuthState, openState } from '../../auth/oauth-state';
import { randomToken } from '../../auth/password';
import { canConnect } from '../../auth/roles';
import { importTokenKeyring } from '../../auth/token-crypto';
import { completeConnection } from '../../connections/connect';
import { disconnectConnection } from '../../connections/disconnect';
import { pickAdAccounts } from '../../connections/pick';
import { oauthCallbackUrl, startConnect } from '../../connections/start';
import { isSecureRequest, tokenKeys } from '../../env';
import { linkState } from '../../onboarding/link-policy';
import { onboardingApiRoutes } from '../../onboarding/routes';
import { readAdAccountCards } from '../../read-models/ad-accounts';
import { type AppContext, type AppEnv, tenantScope } from '../context';
import { AppError } from '../errors';
import { requireSameOrigin } from '../middleware/same-origin';
import { idParamSchema, readJson, readParam, readQuery } from '../validate';
import { connectBody, parsePlatform, pickBody, pickRefusal, requestEnqueue } from './connection-inputs';

const callbackQuery = z.object({
  state: z.string().min(1).max(4096),
  code: z.string().min(1).max(4096).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

function requireConnectRole(c: AppContext, what: string) {
  if (!canConnect(c.get('tenant').role)) throw new AppError('forbidden', `Only owners, admins and editors can ${what}.`);
}

export const connectionRoutes = new Hono<AppEnv>()
  .get('/tenants/:tenant/ad-accounts', async (c) => {
    return c.json({ adAccounts: await readAdAccountCards(tenantScope(c), c.get('scope').clock.now()) });
  })
  .post('/tenants/:tenant/connections/:platform/connect', requireSameOrigin, async (c) => {
    const platform = parsePlatform(c);
    requireConnectRole(c, 'connect ad accounts');
    // The platforms send the browser back to one registered address, where this browser's session
    // and nonce cookies do not exist: a custom domain connects through an onboarding link instead.
    if ((await c.get('scope').host()).kind === 'tenant')
      throw new AppError(
        'conflict',
        'Ad platforms cannot be connected on a custom domain: connect them on the product’s own address, or send the client an onboarding link.',
      );
    const { backfillDays } = await readJson(c, connectBody);
    const nonce = randomToken(16);
    const authorizeUrl = await startConnect(c.get('config'), {
      tenantId: c.get('tenant').id,
      platform,
      backfillDays,
      callbackOrigin: new URL(c.req.url).origin,
      starter: { userId: c.get('user').id, nonce },
      nowMs: Date.now(),
    });
    setCookie(c, OAUTH_NONCE_COOKIE, nonce, {
      httpOnly: true,
      secure: isSecureRequest(c.req.raw),
      sameSite: 'Lax',
      path: '/api/oauth',
      maxAge: OAUTH_STATE_TTL_MS / 1000,
    });
    return c.json({ authorizeUrl });
  })
  .post('/tenants/:tenant/ad-accounts/picks', requireSameOrigin, async (c) => {
    requireConnectRole(c, 'choose which ad accounts sync');
    const body = await readJson(c, pickBody);
    const result = await pickAdAccounts({ db: c.get('db'), ...requestEnqueue(c) }, { tenantId: c.get('tenant').id, ...body });
    if (!result.ok) throw pickRefusal(result);
    return c.json(result);
  })
  .delete('/tenants/:tenant/connections/:connectionId', requireSameOrigin, async (c) => {
    requireConnectRole(c, 'disconnect ad platforms');
    const connectionId = readParam(c, 'connectionId', idParamSchema, 'No such connection.');
    const config = c.get('config');
    const result = await disconnectConnection(
      { db: c.get('db'), config, tokenKeys: await importTokenKeyring(tokenKeys(config)), fetch: (input, init) => fetch(input, init) },
      { tenantId: c.get('tenant').id, connectionId, actorUserId: c.get('user').id },
    );
    if (!result.ok) throw new AppError('not_found', 'No such connection.');
    return c.json(result);
  });

/** Who may finish the flow the state describes, and where the browser goes afterwards. */
async function resolveStarter(
  c: AppContext,
  state: OAuthState,
): Promise<{ tenantTimeZone: string; back: URL; actor: { userId: string } | { onboardingLinkId: string } }> {
  if (state.onboarding) {
    const { linkId, returnTo } = state.onboarding;
    // The link is checked again: it may have been revoked or have expired while the client was at the platform.
    const link = await withTenant(c.get('db'), state.tenantId, (tx) => findOnboardingLink(tx, linkId));
    if (!link || linkState(link, new Date()) !== 'usable' || !link.platforms.includes(state.platform))
      throw new AppError('forbidden', 'This onboarding link no longer works: ask for a new one.');
    const tenant = await withTenant(c.get('db'), state.tenantId, (tx) => getOnboardingTenant(tx));
    if (!tenant) throw new AppError('forbidden', 'This onboarding link no longer works: ask for a new one.');
    return { tenantTimeZone: tenant.timeZone, back: new URL(returnTo), actor: { onboardingLinkId: link.id } };
  }
  const user = await c.get('scope').user();
  if (!user) throw new AppError('unauthenticated', 'Sign in first: no valid session.');
  if (state.userId !== user.id) throw new AppError('bad_request', 'The connect flow belongs to another user or platform.');
  // Membership is checked again: access may have changed while the user was at the platform.
  const tenant = await getTenantForUser(c.get('db'), user.id, state.tenantId);
  if (!tenant || !canConnect(tenant.role)) throw new AppError('forbidden', 'You can no longer connect ad accounts for this tenant.');
  return { tenantTimeZone: tenant.timeZone, back: new URL(`/t/${tenant.slug}/connections`, c.req.url), actor: { userId: user.id } };
}

/**
 * The platforms redirect here after consent. A user's flow needs that user's session and browser
 * (nonce cookie); an onboarding link's flow needs no session: its sealed state names the link.
 */
export const oauthCallbackRoutes = new Hono<AppEnv>()
  .get('/oauth/:platform/callback', async (c) => {
    const platform = parsePlatform(c);
    const query = readQuery(c, callbackQuery);
    const config = c.get('config');
    const opened = await openState(
      await importStateKey(config.TOKEN_ENCRYPTION_KEY),
      query.state,
      readCookie(c.req.header('cookie'), OAUTH_NONCE_COOKIE),
      Date.now(),
    );
    deleteCookie(c, OAUTH_NONCE_COOKIE, { path: '/api/oauth' });
    if (!opened.ok) {
      if (!(await c.get('scope').user())) throw new AppError('unauthenticated', 'Sign in first: no valid session.');
      throw new AppError('bad_request', `The connect flow could not be completed: ${opened.reason}.`);
    }
    const { state } = opened;
    if (state.platform !== platform) throw new AppError('bad_request', 'The connect flow belongs to another user or platform.');
    const { tenantTimeZone, back, actor } = await resolveStarter(c, state);
    if (query.error || !query.code) {
      back.searchParams.set(
        'connect_error',
        query.error_description ?? query.error ?? 'The platform did not return an authorization code.',
      );
      return c.redirect(back.toString(), 302);
    }
    const { now, enqueue } = requestEnqueue(c);
    const completed = await completeConnection(
      {
        db: c.get('db'),
        config,
        tokenKeys: await importTokenKeyring(tokenKeys(config)),
        fetch: (input, init) => fetch(input, init),
        now,
        enqueue,
      },
      {
        tenantId: state.tenantId,
        tenantTimeZone,
        platform,
        code: query.code,
        redirectUri: oauthCallbackUrl(new URL(c.req.url).origin, platform),
        backfillDays: state.backfillDays,
        ...(state.codeVerifier ? { codeVerifier: state.codeVerifier } : {}),
        actor,
      },
    );
    if (!completed.ok) {
      back.searchParams.set('connect_error', completed.error.message);
      return c.redirect(back.toString(), 302);
    }
    const { adAccounts, autoPicked } = completed.result;
    back.searchParams.set('connected', platform);
    back.searchParams.set('accounts', String(adAccounts.length));
    if (autoPicked) back.searchParams.set('picked', 'auto');
    const waiting = adAccounts.filter((a) => !a.picked).length;
    if (waiting) back.searchParams.set('waiting', String(waiting));
    return c.redirect(back.toString(), 302);
  })
  .route('/', onboardingApiRoutes);
