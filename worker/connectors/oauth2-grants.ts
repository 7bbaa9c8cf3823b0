import type { ExchangeCodeParams, HttpConfig, OAuthResult, RefreshParams } from './types';

/** Posts one form-encoded grant to a platform's token endpoint. */
export type TokenRequest = (http: HttpConfig, form: Record<string, string>, label: string) => Promise<OAuthResult>;

/** The two standard OAuth 2.0 grants (RFC 6749 §4.1.3 and §6) over a platform's own token request. */
export function standardGrants(tokenRequest: TokenRequest) {
  return {
    exchangeCode: (params: ExchangeCodeParams) =>
      tokenRequest(
        params.http,
        {
          grant_type: 'authorization_code',
          code: params.code,
          redirect_uri: params.redirectUri,
          client_id: params.app.clientId,
          client_secret: params.app.clientSecret,
          ...(params.codeVerifier ? { code_verifier: params.codeVerifier } : {}),
        },
        'code exchange',
      ),
    refresh: (params: RefreshParams) =>
      tokenRequest(
        params.http,
        {
          grant_type: 'refresh_token',
          refresh_token: params.refreshToken,
          client_id: params.app.clientId,
          client_secret: params.app.clientSecret,
        },
        'token refresh',
      ),
  };
}
