/**
 * Facebook Login for the Marketing API: consent dialog → code → short-lived token →
 * long-lived token (~60 days). Meta has no refresh tokens; the user reconnects before expiry.
 */
import { createHttpSession, joinUrl } from '../http';
import { sendRevocation } from '../oauth-revoke';
import type { AuthorizeParams, ConnectorError, ExchangeCodeParams, OAuthFlow, OAuthResult, RevokeParams } from '../types';
import { META_API_VERSION, metaTokenSchema } from './api-types';
import { mapMetaFailure, readMetaErrorBody } from './errors';

export const META_DEFAULT_SCOPES = ['ads_read'];

/** Facebook Login dialog URL on the pinned version. */
export function metaAuthorizeUrl(params: AuthorizeParams): string {
  const query = new URLSearchParams({
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    state: params.state,
    scope: (params.scopes ?? META_DEFAULT_SCOPES).join(','),
    response_type: 'code',
  });
  if (params.codeChallenge) {
    query.set('code_challenge', params.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return joinUrl(params.authorizeBaseUrl, `/${META_API_VERSION}/dialog/oauth?${query}`);
}

/** Code → short-lived token → long-lived (~60 day) token. */
export async function exchangeMetaCode(params: ExchangeCodeParams): Promise<OAuthResult> {
  const session = createHttpSession(params.http);
  const tokenUrl = (query: Record<string, string>) =>
    joinUrl(params.http.baseUrl, `/${META_API_VERSION}/oauth/access_token?${new URLSearchParams(query)}`);
  const fail = (error: ConnectorError): OAuthResult => ({ ok: false, error, apiCalls: session.apiCalls });

  const shortLived = await session.request({
    url: tokenUrl({
      client_id: params.app.clientId,
      client_secret: params.app.clientSecret,
      redirect_uri: params.redirectUri,
      code: params.code,
      ...(params.codeVerifier ? { code_verifier: params.codeVerifier } : {}),
    }),
    schema: metaTokenSchema,
  });
  if (!shortLived.ok) return fail(oauthError(shortLived.failure, 'code exchange'));

  const longLived = await session.request({
    url: tokenUrl({
      grant_type: 'fb_exchange_token',
      client_id: params.app.clientId,
      client_secret: params.app.clientSecret,
      fb_exchange_token: shortLived.body.access_token,
    }),
    schema: metaTokenSchema,
  });
  if (!longLived.ok) return fail(oauthError(longLived.failure, 'long-lived token exchange'));
  return {
    ok: true,
    apiCalls: session.apiCalls,
    tokens: {
      accessToken: longLived.body.access_token,
      accessTokenExpiresInSeconds: longLived.body.expires_in ?? null,
      refreshToken: null,
      refreshTokenExpiresInSeconds: null,
      scopes: null,
    },
  };
}

// A used, expired or foreign code answers code 100 (invalid parameter) or 190: the user must consent again.
function oauthError(failure: Parameters<typeof mapMetaFailure>[0], label: string): ConnectorError {
  const body = readMetaErrorBody(failure);
  if (body && (body.code === 100 || body.code === 190)) return { kind: 'auth_failed', message: `${label}: ${body.message}` };
  return mapMetaFailure(failure, label, null);
}

/** DELETE /me/permissions revokes every permission the user granted the app; an invalid token (190) is already gone. */
function revokeMeta(params: RevokeParams) {
  return sendRevocation(
    params.http,
    {
      method: 'DELETE',
      path: `/${META_API_VERSION}/me/permissions?${new URLSearchParams({ access_token: params.token })}`,
      alreadyGone: (status, body) => status === 400 && /"code"\s*:\s*190\b/.test(body),
    },
    'meta revoke',
  );
}

// Manually built Facebook Login flows document PKCE (code_challenge with S256 on the dialog, code_verifier on
// the exchange: facebook-login/guides/advanced/oidc-token); the client secret is still sent.
export const metaOAuth: OAuthFlow = { authorizeUrl: metaAuthorizeUrl, exchangeCode: exchangeMetaCode, pkce: true, revoke: revokeMeta };
