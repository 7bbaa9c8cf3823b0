import { randomBytes } from 'node:crypto';
import { metaErrors } from './errors';

/** Short-lived user tokens from the code exchange "expire in hours"; the fake picks 1.5 h. */
export const SHORT_LIVED_SECONDS = 5_400;
/** The long-lived exchange returns exactly this (docs example). */
export const LONG_LIVED_SECONDS = 5_183_944;
const CODE_LIFETIME_MS = 10 * 60_000;

export interface TokenGrant {
  token: string;
  memberId: string;
  scopes: string[];
  issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

interface CodeGrant {
  memberId: string;
  scopes: string[];
  redirectUri: string;
  issuedAtMs: number;
  used: boolean;
}

const opaque = (prefix: string) => prefix + randomBytes(36).toString('base64url');

/** In-memory OAuth codes and access tokens, timed on the fake clock. No refresh tokens: Meta has none. */
export function createTokenStore(nowMs: () => number) {
  const tokens = new Map<string, TokenGrant>();
  const codes = new Map<string, CodeGrant>();

  function issueToken(memberId: string, scopes: string[], lifetimeSeconds: number): TokenGrant {
    const issuedAtMs = nowMs();
    const grant = { token: opaque('EAAT'), memberId, scopes, issuedAtMs, expiresAtMs: issuedAtMs + lifetimeSeconds * 1000, revoked: false };
    tokens.set(grant.token, grant);
    return grant;
  }

  return {
    issueCode(memberId: string, scopes: string[], redirectUri: string): string {
      const code = opaque('AQ');
      codes.set(code, { memberId, scopes, redirectUri, issuedAtMs: nowMs(), used: false });
      return code;
    },

    /** Code exchange: one use only, same redirect_uri as the dialog, ten minutes to live. */
    redeemCode(code: string, redirectUri: string): TokenGrant {
      const grant = codes.get(code);
      if (!grant) throw metaErrors.invalidParameter('Invalid verification code format.');
      if (grant.used) throw codeError(36009, 'This authorization code has been used.');
      if (nowMs() - grant.issuedAtMs > CODE_LIFETIME_MS) throw codeError(36007, 'This authorization code has expired.');
      if (grant.redirectUri !== redirectUri)
        throw codeError(
          36008,
          'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        );
      grant.used = true;
      return issueToken(grant.memberId, grant.scopes, SHORT_LIVED_SECONDS);
    },

    issueToken,

    /** A still-valid token (short- or long-lived) becomes a new ~60-day token for the same member and scopes. */
    exchangeForLongLived(token: string): TokenGrant {
      const grant = this.authenticate(token);
      return issueToken(grant.memberId, grant.scopes, LONG_LIVED_SECONDS);
    },

    /** The grant behind a token without validating it (to name the principal before faults apply). */
    peek(token: string | undefined): TokenGrant | undefined {
      return token ? tokens.get(token) : undefined;
    },

    authenticate(token: string): TokenGrant {
      const grant = tokens.get(token);
      if (!grant) throw metaErrors.invalidToken();
      if (grant.revoked) throw metaErrors.revokedToken();
      if (nowMs() >= grant.expiresAtMs) throw metaErrors.expiredToken(new Date(grant.expiresAtMs), new Date(nowMs()));
      return grant;
    },

    /** One token only (control API): it expires now or is revoked (Meta has access tokens only). */
    control(token: string, action: 'expire' | 'revoke'): 'access' | null {
      const grant = tokens.get(token);
      if (!grant) return null;
      if (action === 'expire') grant.expiresAtMs = nowMs();
      else grant.revoked = true;
      return 'access';
    },

    /** Every token the member holds now stays invalid (password change); a new login issues working tokens again. */
    revokeMember(memberId: string): void {
      for (const grant of tokens.values()) if (grant.memberId === memberId) grant.revoked = true;
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;

function codeError(subcode: number, message: string) {
  const error = metaErrors.invalidParameter(message);
  error.spec.message = message;
  error.spec.subcode = subcode;
  return error;
}
