/**
 * The token step of a sync: the stored access token, refreshed first when it is about to expire
 * (Google: one hour), and refreshed once more when the platform refuses it before its time.
 */
import { type Database, withTenant } from '../../db/client';
import { storeAccessToken, storeTokenCiphertexts } from '../../db/queries/sync';
import { decryptToken, encryptToken, isCurrentCiphertext, type TokenField, type TokenKeyring } from '../auth/token-crypto';
import type { ConnectorError, OAuthApp, OAuthFlow } from '../connectors/types';

/** Refresh access tokens this long before they expire. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface StoredTokens {
  /** The connection id: the tokens' encryption binds to it (and to the tenant and the field). */
  id: string;
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
  accessExpiresAt: Date | null;
}

/** One connection's tokens and how to renew them. */
export interface TokenSource {
  db: Database;
  tokenKeys: TokenKeyring;
  fetch: typeof fetch;
  now: () => Date;
  tenantId: string;
  connection: StoredTokens;
  oauth: OAuthFlow;
  endpoints: { tokenBase: string; app: OAuthApp };
}

export type TokenPlan = 'use' | 'refresh' | 'reconnect';

/**
 * What to do with the stored access token at `now`: use it, refresh it first, or give up because it
 * is expiring and cannot be refreshed. `force` (the platform refused it) skips the expiry check.
 */
export function planAccessToken(
  connection: Pick<StoredTokens, 'accessExpiresAt' | 'refreshTokenEnc'>,
  canRefresh: boolean,
  now: Date,
  force = false,
): TokenPlan {
  const expiresSoon = connection.accessExpiresAt !== null && connection.accessExpiresAt.getTime() - now.getTime() < REFRESH_MARGIN_MS;
  if (!expiresSoon && !force) return 'use';
  return canRefresh && connection.refreshTokenEnc ? 'refresh' : 'reconnect';
}

export type AccessToken =
  | { ok: true; accessToken: string; apiCalls: number; refreshed: boolean }
  | { ok: false; error: ConnectorError; apiCalls: number };

/** The access token to call with: the stored one, or a refreshed one (stored encrypted) when the plan says so. */
export async function currentAccessToken(source: TokenSource, force = false): Promise<AccessToken> {
  const { connection, oauth } = source;
  const plan = planAccessToken(connection, Boolean(oauth.refresh), source.now(), force);
  if (plan === 'use') {
    const accessToken = await open(source, 'access', connection.accessTokenEnc);
    await reencryptStaleCiphertexts(source, accessToken);
    return { ok: true, accessToken, apiCalls: 0, refreshed: false };
  }
  if (plan === 'reconnect' || !oauth.refresh || !connection.refreshTokenEnc) {
    return {
      ok: false,
      error: { kind: 'auth_failed', message: 'Access token expired and the platform offers no refresh: reconnect.' },
      apiCalls: 0,
    };
  }
  const refreshed = await oauth.refresh({
    http: { fetch: source.fetch, baseUrl: source.endpoints.tokenBase },
    app: source.endpoints.app,
    refreshToken: await open(source, 'refresh', connection.refreshTokenEnc),
  });
  if (!refreshed.ok) return refreshed;
  const { accessToken, accessTokenExpiresInSeconds } = refreshed.tokens;
  const accessExpiresAt = accessTokenExpiresInSeconds ? new Date(source.now().getTime() + accessTokenExpiresInSeconds * 1000) : null;
  const accessTokenEnc = await seal(source, 'access', accessToken);
  await withTenant(source.db, source.tenantId, (tx) => storeAccessToken(tx, connection.id, { accessTokenEnc, accessExpiresAt }));
  await reencryptStaleCiphertexts({ ...source, connection: { ...connection, accessTokenEnc } }, accessToken);
  return { ok: true, accessToken, apiCalls: refreshed.apiCalls, refreshed: true };
}

function bindingOf(source: TokenSource, field: TokenField) {
  return { tenantId: source.tenantId, connectionId: source.connection.id, field };
}

function open(source: TokenSource, field: TokenField, stored: string): Promise<string> {
  return decryptToken(source.tokenKeys, stored, bindingOf(source, field));
}

function seal(source: TokenSource, field: TokenField, plaintext: string): Promise<string> {
  return encryptToken(source.tokenKeys, plaintext, bindingOf(source, field));
}

/**
 * A connection's ciphertexts in the format before key ids, or under a previous key, are written
 * again under the current key the first time a sync reads them, so a rotated-out key can be dropped
 * once every connection has synced (a Meta token without refresh is never rewritten otherwise).
 */
async function reencryptStaleCiphertexts(source: TokenSource, accessToken: string): Promise<void> {
  const { connection, tokenKeys } = source;
  const staleRefresh = connection.refreshTokenEnc !== null && !isCurrentCiphertext(tokenKeys, connection.refreshTokenEnc);
  if (isCurrentCiphertext(tokenKeys, connection.accessTokenEnc) && !staleRefresh) return;
  const refreshToken = connection.refreshTokenEnc === null ? null : await open(source, 'refresh', connection.refreshTokenEnc);
  const ciphertexts = {
    accessTokenEnc: await seal(source, 'access', accessToken),
    refreshTokenEnc: refreshToken === null ? null : await seal(source, 'refresh', refreshToken),
  };
  await withTenant(source.db, source.tenantId, (tx) =>
    storeTokenCiphertexts(tx, connection.id, ciphertexts, {
      accessTokenEnc: connection.accessTokenEnc,
      refreshTokenEnc: connection.refreshTokenEnc,
    }),
  );
}

/** A platform call's outcome, as far as the token step cares. */
type CallResult = { ok: true; apiCalls: number } | { ok: false; error: ConnectorError; apiCalls: number };

/**
 * `ok: false`: no usable token, and the platform was not called. Otherwise the call's result
 * (its apiCalls are platform calls only) and the token endpoint calls spent on the way.
 */
export type TokenedCall<R> = { ok: true; result: R; tokenCalls: number } | { ok: false; error: ConnectorError; apiCalls: number };

/**
 * Runs `call` with a valid access token. A token can be refused before its recorded expiry (clock
 * skew, early rotation): it is refreshed once and the call retried before the user is asked to reconnect.
 */
export async function callWithAccessToken<R extends CallResult>(
  source: TokenSource,
  call: (accessToken: string) => Promise<R>,
): Promise<TokenedCall<R>> {
  const token = await currentAccessToken(source);
  if (!token.ok) return token;
  const first = await call(token.accessToken);
  const refusedEarly = !first.ok && first.error.kind === 'auth_failed' && !token.refreshed;
  if (!refusedEarly || planAccessToken(source.connection, Boolean(source.oauth.refresh), source.now(), true) !== 'refresh') {
    return { ok: true, result: first, tokenCalls: token.apiCalls };
  }
  const retried = await currentAccessToken(source, true);
  if (!retried.ok) return { ok: true, result: first, tokenCalls: token.apiCalls + retried.apiCalls };
  const second = await call(retried.accessToken);
  return { ok: true, result: { ...second, apiCalls: first.apiCalls + second.apiCalls }, tokenCalls: token.apiCalls + retried.apiCalls };
}
