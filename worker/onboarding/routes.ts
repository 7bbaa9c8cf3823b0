import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../api/context';
import { AppError } from '../api/errors';
import { requireSameOrigin } from '../api/middleware/same-origin';
import { connectBody, parsePlatform, pickBody, pickRefusal, requestEnqueue } from '../api/routes/connection-inputs';
import { readJson } from '../api/validate';
import { pickAdAccounts } from '../connections/pick';
import { startConnect } from '../connections/start';
import { type OnboardingAccess, resolveOnboardingLink } from './access';
import { ONBOARD_PATH } from './link-policy';
import { readOnboardingAccounts } from './progress';

/** The link `:token` opens, on a host allowed to show its tenant; anything else is one 404 (or says the link expired). */
async function openLink(c: AppContext): Promise<OnboardingAccess> {
  const resolved = await resolveOnboardingLink(c.get('db'), c.req.param('token') ?? '', await c.get('scope').host(), new Date());
  if (resolved.ok) return resolved.access;
  if (resolved.reason === 'not_found') throw new AppError('not_found', 'No such onboarding link.');
  throw new AppError('not_found', `This onboarding link ${resolved.reason === 'expired' ? 'expired' : 'was revoked'}: ask for a new one.`);
}

/**
 * What a client with an onboarding link (and no login) may do: start a connect for an allowed
 * platform, pick among the accounts of the grants made through the link, and read those accounts'
 * backfill progress. Nothing else of the tenant is reachable with the token.
 */
export const onboardingApiRoutes = new Hono<AppEnv>()
  .get('/onboard/:token/accounts', async (c) => {
    const { link, tenant } = await openLink(c);
    c.header('cache-control', 'no-store');
    return c.json({ adAccounts: await readOnboardingAccounts(c.get('db'), tenant.id, link.id) });
  })
  .post('/onboard/:token/connections/:platform/connect', requireSameOrigin, async (c) => {
    const platform = parsePlatform(c);
    const { link, tenant } = await openLink(c);
    if (!link.platforms.includes(platform)) throw new AppError('forbidden', 'This onboarding link does not include this platform.');
    const { backfillDays } = await readJson(c, connectBody);
    const returnTo = new URL(`${ONBOARD_PATH}${c.req.param('token')}`, c.req.url).toString();
    const authorizeUrl = await startConnect(c.get('config'), {
      tenantId: tenant.id,
      platform,
      backfillDays,
      // The platforms know one redirect URI per app, on the product's own origin, not on every client's domain.
      callbackOrigin: link.appOrigin,
      starter: { onboarding: { linkId: link.id, returnTo } },
      nowMs: Date.now(),
    });
    return c.json({ authorizeUrl });
  })
  .post('/onboard/:token/ad-accounts/picks', requireSameOrigin, async (c) => {
    const { link, tenant } = await openLink(c);
    const body = await readJson(c, pickBody);
    const result = await pickAdAccounts(
      { db: c.get('db'), ...requestEnqueue(c) },
      { tenantId: tenant.id, ...body, onboardingLinkId: link.id },
    );
    if (!result.ok) throw pickRefusal(result);
    return c.json(result);
  });
