/**
 * The OAuth `state` parameter: a signed, expiring statement of who started the connect flow
 * for which tenant and platform. The nonce is also set as a cookie, so a state lifted from
 * one browser cannot complete a flow in another.
 */
import type { Platform } from '../../db/schema/enum-values';
import { fromBase64Url, toBase64Url } from '../lib/base64url';
export interface OAuthState {
  tenantId: string;
  platform: Platform;
  userId: string;
  nonce: string;
  backfillDays: number;
  /** Epoch ms after which the state is refused. */
  expiresAt: number;
}

export const OAUTH_STATE_TTL_MS = 15 * 60_000;
export const OAUTH_NONCE_COOKIE = 'tm_oauth_nonce';

const encoder = new TextEncoder();

/** Derives the state-signing key from the token key, so no second secret is needed. */
export async function importStateKey(base64TokenKey: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', fromBase64Url(base64TokenKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('tidemark oauth state v1') },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

export async function signState(key: CryptoKey, state: OAuthState): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(state)));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(payload)));
  return `${payload}.${toBase64Url(signature)}`;
}

/** The verified state, or a reason it is refused. */
export async function verifyState(
  key: CryptoKey,
  raw: string,
  nonceCookie: string | undefined,
  now: number,
): Promise<{ ok: true; state: OAuthState } | { ok: false; reason: string }> {
  const [payload, signature] = raw.split('.');
  if (!payload || !signature) return { ok: false, reason: 'malformed state' };
  let valid = false;
  try {
    valid = await crypto.subtle.verify('HMAC', key, fromBase64Url(signature), encoder.encode(payload));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'state signature does not match' };
  const state = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as OAuthState;
  if (state.expiresAt < now) return { ok: false, reason: 'the connect link expired; start again' };
  if (!nonceCookie || nonceCookie !== state.nonce) return { ok: false, reason: 'this connect flow was started in another browser' };
  return { ok: true, state };
}
