import type { Platform } from '../../db/schema/enum-values';
import { importStateKey, OAUTH_STATE_TTL_MS, type OAuthState, sealState } from '../auth/oauth-state';
import { getConnector } from '../connectors/registry';
import { type Config, platformEndpoints } from '../env';
import { MAX_BACKFILL_DAYS } from '../jobs/backfill';
import { codeChallengeS256, createCodeVerifier } from './pkce';

/** Where the platforms send the browser back: one callback per platform on the product's own origin. */
export function oauthCallbackUrl(origin: string, platform: Platform): string {
  return `${origin}/api/oauth/${platform}/callback`;
}

/**
 * The consent URL that starts a connect: a sealed state naming who started it (a user with the
 * browser's nonce, or an onboarding link), and, where the platform supports PKCE, the S256 challenge
 * of a verifier that only the sealed state carries.
 */
export async function startConnect(
  config: Config,
  input: {
    tenantId: string;
    platform: Platform;
    backfillDays: number;
    callbackOrigin: string;
    starter: Pick<OAuthState, 'userId' | 'nonce' | 'onboarding'>;
    nowMs: number;
  },
): Promise<string> {
  const connector = getConnector(input.platform);
  const codeVerifier = connector.oauth.pkce ? createCodeVerifier() : undefined;
  const state = await sealState(await importStateKey(config.TOKEN_ENCRYPTION_KEY), {
    tenantId: input.tenantId,
    platform: input.platform,
    ...input.starter,
    backfillDays: Math.min(input.backfillDays, MAX_BACKFILL_DAYS[input.platform]),
    ...(codeVerifier ? { codeVerifier } : {}),
    expiresAt: input.nowMs + OAUTH_STATE_TTL_MS,
  });
  const endpoints = platformEndpoints(config, input.platform);
  return connector.oauth.authorizeUrl({
    authorizeBaseUrl: endpoints.authorizeBase,
    clientId: endpoints.app.clientId,
    redirectUri: oauthCallbackUrl(input.callbackOrigin, input.platform),
    state,
    ...(codeVerifier ? { codeChallenge: await codeChallengeS256(codeVerifier) } : {}),
  });
}
