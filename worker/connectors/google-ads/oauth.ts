/** Google OAuth 2.0 for the adwords scope: offline access (refresh token), one-hour access tokens. */
import { createHttpSession, formBody, joinUrl } from '../http';
import { sendRevocation } from '../oauth-revoke';
import { mapOAuth2Failure } from '../oauth2-errors';
import { standardGrants } from '../oauth2-grants';
import type { AuthorizeParams, ExchangeCodeParams, OAuthFlow, OAuthResult, RevokeParams } from '../types';
import { googleTokenSchema } from './api-types';

export const GOOGLE_ADS_SCOPE = 'https://www.googleapis.com/auth/adwords';

/** Consent URL for the adwords scope. */
export function googleAuthorizeUrl(params: AuthorizeParams): string {
  const query = new URLSearchParams({
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    response_type: 'code',
    scope: (params.scopes ?? [GOOGLE_ADS_SCOPE]).join(' '),
    // offline + consent: Google only returns a refresh token on a fresh consent.
    access_type: 'offline',
    prompt: 'consent',
    state: params.state,
  });
  if (params.codeChallenge) {
    query.set('code_challenge', params.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return joinUrl(params.authorizeBaseUrl, `/o/oauth2/v2/auth?${query}`);
}

async function tokenRequest(http: ExchangeCodeParams['http'], fields: Record<string, string>, label: string): Promise<OAuthResult> {
  const session = createHttpSession(http);
  const outcome = await session.request({
    method: 'POST',
    url: joinUrl(http.baseUrl, '/token'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(fields),
    schema: googleTokenSchema,
  });
  if (!outcome.ok) return { ok: false, error: mapOAuth2Failure(outcome.failure, label), apiCalls: session.apiCalls };
  return {
    ok: true,
    apiCalls: session.apiCalls,
    tokens: {
      accessToken: outcome.body.access_token,
      accessTokenExpiresInSeconds: outcome.body.expires_in ?? null,
      refreshToken: outcome.body.refresh_token ?? fields.refresh_token ?? null,
      // Google refresh tokens live until revoked.
      refreshTokenExpiresInSeconds: null,
      scopes: outcome.body.scope ? outcome.body.scope.split(' ') : null,
    },
  };
}

/** POST oauth2.googleapis.com/revoke: either token revokes the whole grant; one Google no longer knows is `invalid_token`. */
function revokeGoogle(params: RevokeParams) {
  return sendRevocation(
    params.http,
    {
      method: 'POST',
      path: '/revoke',
      body: formBody({ token: params.token }).toString(),
      alreadyGone: (status, body) => status === 400 && body.includes('invalid_token'),
    },
    'google revoke',
  );
}

// Google documents PKCE (S256) for web-server apps too, alongside the client secret.
export const googleAdsOAuth: OAuthFlow = {
  authorizeUrl: googleAuthorizeUrl,
  ...standardGrants(tokenRequest),
  pkce: true,
  revoke: revokeGoogle,
};
