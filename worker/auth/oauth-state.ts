/**
 * The OAuth `state` parameter: a sealed (AES-GCM: encrypted and authenticated), expiring statement of
 * who started the connect flow for which tenant and platform, carrying the PKCE verifier. Sealed rather
 * than signed because the verifier must stay secret: the state passes through the browser and the
 * platform. A flow a signed-in user started is bound to their browser by a nonce cookie; one an
 * onboarding link started names the link, which the callback checks again.
 */
import type { Platform } from '../../db/schema/enum-values';
import { fromBase64Url, toBase64Url } from '../lib/base64url';

export interface OAuthState {
  tenantId: string;
  platform: Platform;
  /** A signed-in user's flow: the user, and the nonce also set as a cookie in their browser. */
  userId?: string;
  nonce?: string;
  /** An onboarding link's flow: the link, and the page (on the tenant's own host) to return to. */
  onboarding?: { linkId: string; returnTo: string };
  backfillDays: number;
  /** PKCE (S256) verifier, when the platform supports PKCE. */
  codeVerifier?: string;
  /** Epoch ms after which the state is refused. */
  expiresAt: number;
}

export const OAUTH_STATE_TTL_MS = 15 * 60_000;
export const OAUTH_NONCE_COOKIE = 'tm_oauth_nonce';

const encoder = new TextEncoder();
const VERSION = 'v2';

/** Derives the state-sealing key from the token key, so no second secret is needed. */
export async function importStateKey(base64TokenKey: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', fromBase64Url(base64TokenKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('tidemark oauth state v2') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealState(key: CryptoKey, state: OAuthState): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(VERSION) },
      key,
      encoder.encode(JSON.stringify(state)),
    ),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
}

async function open(key: CryptoKey, raw: string): Promise<OAuthState | null> {
  const [version, iv, sealed, extra] = raw.split('.');
  if (version !== VERSION || !iv || !sealed || extra !== undefined) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(VERSION) },
      key,
      fromBase64Url(sealed),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as OAuthState;
  } catch {
    return null;
  }
}

/** The opened state, or a reason it is refused. A user's flow needs its nonce cookie; an onboarding link's needs none. */
export async function openState(
  key: CryptoKey,
  raw: string,
  nonceCookie: string | undefined,
  now: number,
): Promise<{ ok: true; state: OAuthState } | { ok: false; reason: string }> {
  if (raw.split('.').length !== 3) return { ok: false, reason: 'malformed state' };
  const state = await open(key, raw);
  if (!state) return { ok: false, reason: 'state signature does not match' };
  if (state.expiresAt < now) return { ok: false, reason: 'the connect link expired; start again' };
  if (state.onboarding) return { ok: true, state };
  if (!state.userId || !nonceCookie || nonceCookie !== state.nonce)
    return { ok: false, reason: 'this connect flow was started in another browser' };
  return { ok: true, state };
}
