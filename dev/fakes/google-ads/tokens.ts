import { OAuthError } from './errors';

export const ADWORDS_SCOPE = 'https://www.googleapis.com/auth/adwords';
export const CLIENT_ID = 'tidemark-dev';
export const CLIENT_SECRET = 'tidemark-dev-secret';
const ACCESS_TOKEN_SECONDS = 3599;
const CODE_TTL_MS = 10 * 60_000;

interface Grant {
  memberId: string;
  scopes: string[];
}
interface PendingCode extends Grant {
  redirectUri: string;
  offline: boolean;
  expiresAt: number;
}
interface AccessToken extends Grant {
  expiresAt: number;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: 'Bearer';
}

export type AccessCheck =
  | { ok: true; memberId: string; scopes: string[] }
  | { ok: false; reason: 'ACCESS_TOKEN_EXPIRED' | 'ACCESS_TOKEN_INVALID'; memberId?: string };

function randomToken(prefix: string, bytes: number): string {
  return prefix + Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
}

/** Authorization codes, access tokens and refresh tokens, kept in memory and timed on the fake clock. */
export function createTokenStore(now: () => number) {
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, AccessToken>();
  const refreshTokens = new Map<string, Grant>();

  const issueAccess = (grant: Grant): string => {
    const token = randomToken('ya29.', 48);
    accessTokens.set(token, { ...grant, expiresAt: now() + ACCESS_TOKEN_SECONDS * 1000 });
    return token;
  };

  return {
    issueCode(grant: Grant & { redirectUri: string; offline: boolean }): string {
      const code = randomToken('4/0A', 32);
      codes.set(code, { ...grant, expiresAt: now() + CODE_TTL_MS });
      return code;
    },

    /** grant_type=authorization_code: single use, same redirect_uri as the dialog. */
    exchangeCode(code: string, redirectUri: string): TokenResponse {
      const pending = codes.get(code);
      codes.delete(code);
      if (!pending || pending.expiresAt <= now()) throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
      if (pending.redirectUri !== redirectUri) throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
      const grant = { memberId: pending.memberId, scopes: pending.scopes };
      const response: TokenResponse = {
        access_token: issueAccess(grant),
        expires_in: ACCESS_TOKEN_SECONDS,
        scope: grant.scopes.join(' '),
        token_type: 'Bearer',
      };
      if (pending.offline) {
        const refresh = randomToken('1//0', 64);
        refreshTokens.set(refresh, grant);
        response.refresh_token = refresh;
      }
      return response;
    },

    /** grant_type=refresh_token: a new one-hour access token; Google keeps the same refresh token. */
    refresh(refreshToken: string): TokenResponse {
      const grant = refreshTokens.get(refreshToken);
      if (!grant) throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      return { access_token: issueAccess(grant), expires_in: ACCESS_TOKEN_SECONDS, scope: grant.scopes.join(' '), token_type: 'Bearer' };
    },

    memberOfRefreshToken(refreshToken: string): string | undefined {
      return refreshTokens.get(refreshToken)?.memberId;
    },

    check(accessToken: string): AccessCheck {
      const token = accessTokens.get(accessToken);
      if (!token) return { ok: false, reason: 'ACCESS_TOKEN_INVALID' };
      if (token.expiresAt <= now()) return { ok: false, reason: 'ACCESS_TOKEN_EXPIRED', memberId: token.memberId };
      return { ok: true, memberId: token.memberId, scopes: token.scopes };
    },

    /**
     * One token only (control API): an access token expires now or is revoked; a refresh token, which
     * Google never expires by time, is gone either way.
     */
    control(token: string, action: 'expire' | 'revoke'): 'access' | 'refresh' | null {
      const access = accessTokens.get(token);
      if (access) {
        if (action === 'expire') access.expiresAt = now();
        else accessTokens.delete(token);
        return 'access';
      }
      return refreshTokens.delete(token) ? 'refresh' : null;
    },

    /** Every access and refresh token the member holds stops working; a new consent issues fresh ones. */
    revokeMember(memberId: string): void {
      for (const [token, grant] of refreshTokens) if (grant.memberId === memberId) refreshTokens.delete(token);
      for (const [token, grant] of accessTokens) if (grant.memberId === memberId) accessTokens.delete(token);
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
