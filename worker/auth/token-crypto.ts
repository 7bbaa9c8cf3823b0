/**
 * OAuth tokens at rest: AES-256-GCM with a random 96-bit IV and the connection id as
 * additional data, so a ciphertext copied onto another connection row does not decrypt.
 * Stored form: `v1.<iv b64url>.<ciphertext b64url>`.
 */
import { fromBase64Url, toBase64Url } from '../lib/base64url';

const VERSION = 'v1';

/** Imports the base64 32-byte key from config (TOKEN_ENCRYPTION_KEY). */
export async function importTokenKey(base64Key: string): Promise<CryptoKey> {
  const raw = fromBase64Url(base64Key);
  if (raw.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes');
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function encryptToken(key: CryptoKey, plaintext: string, connectionId: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(connectionId) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

export async function decryptToken(key: CryptoKey, stored: string, connectionId: string): Promise<string> {
  const [version, iv, body] = stored.split('.');
  if (version !== VERSION || !iv || !body) throw new Error('Unrecognized token ciphertext format');
  const opened = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: new TextEncoder().encode(connectionId) },
    key,
    fromBase64Url(body),
  );
  return new TextDecoder().decode(opened);
}
