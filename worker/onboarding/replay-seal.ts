import { fromBase64Url, toBase64Url } from '../lib/base64url';

const encoder = new TextEncoder();

/**
 * A link's token must be in its Idempotency-Key replay, yet only its SHA-256 may be stored: the
 * replay keeps the token sealed (AES-GCM, key derived from the token key) and opens it when replayed.
 */
async function replayKey(base64TokenKey: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', fromBase64Url(base64TokenKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('tidemark onboarding replay v1') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealLinkToken(base64TokenKey: string, linkId: string, token: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(linkId) },
    await replayKey(base64TokenKey),
    encoder.encode(token),
  );
  return `${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

export async function openLinkToken(base64TokenKey: string, linkId: string, sealed: string): Promise<string> {
  const [iv, data] = sealed.split('.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv ?? ''), additionalData: encoder.encode(linkId) },
    await replayKey(base64TokenKey),
    fromBase64Url(data ?? ''),
  );
  return new TextDecoder().decode(plain);
}
