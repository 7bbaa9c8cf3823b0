import { withAgency } from '../../../db/queries/agency-scope';
import {
  insertAgencyTenantOnboardingLink,
  type OnboardingLink,
  revokeAgencyTenantOnboardingLink,
} from '../../../db/queries/onboarding-links';
import { getAgencyTenant } from '../../../db/queries/provisioning';
import { randomToken, sha256Hex } from '../../auth/password';
import { linkExpiry, linkPlatforms, onboardingUrl } from '../../onboarding/link-policy';
import { AppError } from '../errors';
import { createV1Router } from './app';
import { runIdempotent } from './idempotency';
import { createOnboardingLink, revokeOnboardingLink } from './onboarding-link-routes';
import { openReplaySecret, sealReplaySecret } from './replay-seal';

type StoredLink = {
  id: string;
  tenantId: string;
  platforms: OnboardingLink['platforms'];
  expiresAt: string;
  appOrigin: string;
  host: string | null;
  sealedToken: string;
};

const notFound = () => new AppError('not_found', 'No such tenant.');

/** Client onboarding links of an agency's tenants: created (the token shown in the URL only), revoked. */
export const onboardingLinkV1Routes = createV1Router()
  .openapi(createOnboardingLink, async (c) => {
    const { tenantId } = c.req.valid('param');
    const body = c.req.valid('json');
    const key = c.get('apiKey');
    const tokenKey = c.get('config').TOKEN_ENCRYPTION_KEY;
    const result = await withAgency(c.get('db'), key.agencyId, (tx) =>
      runIdempotent(
        tx,
        c.req.valid('header')['idempotency-key'],
        { method: 'POST', path: `/api/v1/tenants/${tenantId}/onboarding-links`, body },
        async () => {
          const tenant = await getAgencyTenant(tx, tenantId);
          if (!tenant) throw notFound();
          const token = randomToken(32);
          const appOrigin = new URL(c.req.url).origin;
          const link = await insertAgencyTenantOnboardingLink(tx, tenant.id, {
            tokenHash: await sha256Hex(token),
            platforms: linkPlatforms(body.platforms),
            appOrigin,
            expiresAt: linkExpiry(new Date(), body.expiresInDays),
            createdBy: `api_key:${key.id}`,
          });
          const stored: StoredLink = {
            id: link.id,
            tenantId: link.tenantId,
            platforms: link.platforms,
            expiresAt: link.expiresAt.toISOString(),
            appOrigin,
            host: tenant.customDomain?.status === 'verified' ? tenant.customDomain.hostname : null,
            sealedToken: await sealReplaySecret(tokenKey, `onboarding-link:${link.id}`, token),
          };
          return { status: 201, body: stored };
        },
      ),
    );
    if (result.replayed) c.header('idempotent-replayed', 'true');
    const { sealedToken, appOrigin, host, ...link } = result.body as StoredLink;
    const token = await openReplaySecret(tokenKey, `onboarding-link:${link.id}`, sealedToken);
    return c.json({ ...link, url: onboardingUrl(appOrigin, host, token) }, 201);
  })
  .openapi(revokeOnboardingLink, async (c) => {
    const { tenantId, linkId } = c.req.valid('param');
    const key = c.get('apiKey');
    const revoked = await withAgency(c.get('db'), key.agencyId, async (tx) => {
      if (!(await getAgencyTenant(tx, tenantId))) throw notFound();
      return revokeAgencyTenantOnboardingLink(tx, tenantId, linkId, `api_key:${key.id}`, new Date());
    });
    if (!revoked) throw new AppError('not_found', 'No such onboarding link.');
    return c.body(null, 204);
  });
