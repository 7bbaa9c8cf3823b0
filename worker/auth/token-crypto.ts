/**
 * OAuth tokens at rest: AES-256-GCM with a random 96-bit IV and the connection id as
 * additional data, so a ciphertext copied onto another connection row does not decrypt.
 * Stored form: `v1.<iv b64url>.<ciphertext b64url>`.
 */
const VERSION = 'v1';

function toB64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64(text: string): Uint8Array {
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(normalized + '='.repeat((4 - (normalized.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Imports the base64 32-byte key from config (TOKEN_ENCRYPTION_KEY). */
export async function importTokenKey(base64Key: string): Promise<CryptoKey> {
  const raw = fromB64(base64Key);
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
  return `${VERSION}.${toB64Url(iv)}.${toB64Url(new Uint8Array(sealed))}`;
}

export async function decryptToken(key: CryptoKey, stored: string, connectionId: string): Promise<string> {
  const [version, iv, body] = stored.split('.');
  if (version !== VERSION || !iv || !body) throw new Error('Unrecognized token ciphertext format');
  const opened = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromB64(iv), additionalData: new TextEncoder().encode(connectionId) },
    key,
    fromB64(body),
  );
  return new TextDecoder().decode(opened);
}
