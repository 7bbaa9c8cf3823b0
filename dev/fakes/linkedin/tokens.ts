import { randomBytes } from 'node:crypto';
import { apiErrors, oauthErrors } from './errors';

/** Access tokens live 60 days. */
export const ACCESS_TOKEN_SECONDS = 5_184_000;
/** Programmatic refresh tokens live 365 days from the first grant; refreshing does not extend them. */
export const REFRESH_TOKEN_SECONDS = 31_536_000;
/** LinkedIn's authorization codes expire after 30 minutes. */
const CODE_LIFETIME_MS = 30 * 60_000;

export interface AccessGrant {
  token: string;
  memberId: string;
  scopes: string[];
  expiresAtMs: number;
  revoked: boolean;
}

export interface RefreshGrant {
  token: string;
  memberId: string;
  scopes: string[];
  expiresAtMs: number;
  revoked: boolean;
}

interface CodeGrant {
  memberId: string;
  scopes: string[];
  clientId: string;
  redirectUri: string;
  issuedAtMs: number;
  used: boolean;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
}

const opaque = (prefix: string) => prefix + randomBytes(48).toString('base64url');

/** In-memory codes, access and refresh tokens, timed on the fake clock. */
export function createTokenStore(nowMs: () => number) {
  const access = new Map<string, AccessGrant>();
  const refresh = new Map<string, RefreshGrant>();
  const codes = new Map<string, CodeGrant>();

  function issueAccess(memberId: string, scopes: string[]): AccessGrant {
    const grant = { token: opaque('AQV'), memberId, scopes, expiresAtMs: nowMs() + ACCESS_TOKEN_SECONDS * 1000, revoked: false };
    access.set(grant.token, grant);
    return grant;
  }

  function respond(accessGrant: AccessGrant, refreshGrant: RefreshGrant): TokenResponse {
    return {
      access_token: accessGrant.token,
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshGrant.token,
      refresh_token_expires_in: Math.floor((refreshGrant.expiresAtMs - nowMs()) / 1000),
      scope: accessGrant.scopes.join(','),
    };
  }

  return {
    issueCode(grant: Omit<CodeGrant, 'issuedAtMs' | 'used'>): string {
      const code = opaque('AQT');
      codes.set(code, { ...grant, issuedAtMs: nowMs(), used: false });
      return code;
    },

    /** Code exchange: one use, same client and redirect_uri as the dialog, 30 minutes to live. */
    redeemCode(code: string, clientId: string, redirectUri: string): TokenResponse {
      const grant = codes.get(code);
      if (
        !grant ||
        grant.used ||
        grant.clientId !== clientId ||
        grant.redirectUri !== redirectUri ||
        nowMs() - grant.issuedAtMs > CODE_LIFETIME_MS
      ) {
        throw oauthErrors.invalidCode();
      }
      grant.used = true;
      const refreshGrant: RefreshGrant = {
        token: opaque('AQW'),
        memberId: grant.memberId,
        scopes: grant.scopes,
        expiresAtMs: nowMs() + REFRESH_TOKEN_SECONDS * 1000,
        revoked: false,
      };
      refresh.set(refreshGrant.token, refreshGrant);
      return respond(issueAccess(grant.memberId, grant.scopes), refreshGrant);
    },

    /** A new access token; the refresh token and its original expiry stay the same. */
    refresh(token: string): TokenResponse {
      const grant = refresh.get(token);
      if (!grant || grant.revoked || nowMs() >= grant.expiresAtMs) throw oauthErrors.invalidGrant();
      return respond(issueAccess(grant.memberId, grant.scopes), grant);
    },

    /** The grant behind a bearer token without judging it (to name the principal before faults apply). */
    peek(token: string | undefined): AccessGrant | undefined {
      return token ? access.get(token) : undefined;
    },

    authenticate(token: string | undefined): AccessGrant {
      const grant = token ? access.get(token) : undefined;
      if (!grant) throw apiErrors.invalidToken();
      if (grant.revoked) throw apiErrors.revokedToken();
      if (nowMs() >= grant.expiresAtMs) throw apiErrors.expiredToken();
      return grant;
    },

    /** One token only (control API): it expires now or is revoked, the member's other tokens keep working. */
    control(token: string, action: 'expire' | 'revoke'): 'access' | 'refresh' | null {
      const grant = access.get(token) ?? refresh.get(token);
      if (!grant) return null;
      if (action === 'expire') grant.expiresAtMs = nowMs();
      else grant.revoked = true;
      return access.has(token) ? 'access' : 'refresh';
    },

    /** Every token the member holds now stops working; a new consent issues fresh ones. */
    revokeMember(memberId: string): void {
      for (const grant of access.values()) if (grant.memberId === memberId) grant.revoked = true;
      for (const grant of refresh.values()) if (grant.memberId === memberId) grant.revoked = true;
    },

    refreshOwner(token: string | undefined): string | undefined {
      return token ? refresh.get(token)?.memberId : undefined;
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
