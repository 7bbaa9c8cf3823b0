import { fromBase64Url, toBase64Url } from '../../lib/base64url';

const encoder = new TextEncoder();

/**
 * A secret shown once (an onboarding link's token, a webhook's signing secret) must be in its
 * Idempotency-Key replay, yet never stored in plain text: the stored response keeps it sealed
 * (AES-GCM, key derived from the token key, bound to what it belongs to) and opens it when replayed.
 */
async function replayKey(base64TokenKey: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', fromBase64Url(base64TokenKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('tidemark idempotent replay v1') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** `boundTo` names the secret's owner (e.g. `webhook:<id>`): a sealed value opens only for it. */
export async function sealReplaySecret(base64TokenKey: string, boundTo: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) },
    await replayKey(base64TokenKey),
    encoder.encode(secret),
  );
  return `${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

export async function openReplaySecret(base64TokenKey: string, boundTo: string, sealed: string): Promise<string> {
  const [iv, data] = sealed.split('.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv ?? ''), additionalData: encoder.encode(boundTo) },
    await replayKey(base64TokenKey),
    fromBase64Url(data ?? ''),
  );
  return new TextDecoder().decode(plain);
}
