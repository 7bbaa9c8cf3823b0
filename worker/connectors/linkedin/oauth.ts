/**
 * LinkedIn 3-legged OAuth: access tokens live 60 days; programmatic refresh tokens live a
 * fixed 365 days from the first grant (refreshing does not extend them), so the expiry is
 * returned for the app to warn before the user must reconnect.
 */
import { createHttpSession, formBody, joinUrl } from '../http';
import { sendRevocation } from '../oauth-revoke';
import { mapOAuth2Failure } from '../oauth2-errors';
import { standardGrants } from '../oauth2-grants';
import type { AuthorizeParams, HttpConfig, OAuthFlow, OAuthResult, RevokeParams } from '../types';
import { linkedInTokenSchema } from './api-types';

export const LINKEDIN_DEFAULT_SCOPES = ['r_ads', 'r_ads_reporting'];

/** Consent URL for r_ads + r_ads_reporting. */
export function linkedInAuthorizeUrl(params: AuthorizeParams): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    state: params.state,
    scope: (params.scopes ?? LINKEDIN_DEFAULT_SCOPES).join(' '),
  });
  return joinUrl(params.authorizeBaseUrl, `/oauth/v2/authorization?${query}`);
}

async function tokenRequest(http: HttpConfig, fields: Record<string, string>, label: string): Promise<OAuthResult> {
  const session = createHttpSession(http);
  const outcome = await session.request({
    method: 'POST',
    url: joinUrl(http.baseUrl, '/oauth/v2/accessToken'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(fields),
    schema: linkedInTokenSchema,
  });
  if (!outcome.ok) return { ok: false, error: mapOAuth2Failure(outcome.failure, label), apiCalls: session.apiCalls };
  const body = outcome.body;
  return {
    ok: true,
    apiCalls: session.apiCalls,
    tokens: {
      accessToken: body.access_token,
      accessTokenExpiresInSeconds: body.expires_in ?? null,
      refreshToken: body.refresh_token ?? null,
      refreshTokenExpiresInSeconds: body.refresh_token_expires_in ?? null,
      scopes: body.scope ? body.scope.split(/[ ,]+/).filter(Boolean) : null,
    },
  };
}

/**
 * LinkedIn's PKCE flow is for native apps only (loopback redirect, enabled per app by LinkedIn on
 * request: authorization-code-flow-native), so the web flow sends none. Revocation is POST /oauth/v2/revoke
 * with the client credentials and the token (RFC 7009 style, next to the documented /oauth/v2/introspectToken;
 * known from integrators' write-ups rather than a LinkedIn reference page, so a refusal is logged, never fatal).
 */
function revokeLinkedIn(params: RevokeParams) {
  return sendRevocation(
    params.http,
    {
      method: 'POST',
      path: '/oauth/v2/revoke',
      body: formBody({ client_id: params.app.clientId, client_secret: params.app.clientSecret, token: params.token }).toString(),
      alreadyGone: (status, body) => status === 400 && body.includes('invalid_token'),
    },
    'linkedin revoke',
  );
}

export const linkedInOAuth: OAuthFlow = {
  authorizeUrl: linkedInAuthorizeUrl,
  ...standardGrants(tokenRequest),
  pkce: false,
  revoke: revokeLinkedIn,
};
