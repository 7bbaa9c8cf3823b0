/**
 * OAuth tokens at rest: AES-256-GCM with a random 96-bit IV. The additional data binds the
 * ciphertext to the key id, the tenant, the connection and the field (access or refresh), so a
 * ciphertext copied onto another field, connection or tenant does not decrypt.
 * Stored form: `v2.<kid>.<iv b64url>.<ciphertext b64url>`; the key id lets keys rotate (the
 * current key encrypts, previous keys still decrypt).
 *
 * The format before key ids, `v1.<iv>.<ciphertext>` (additional data: the connection id only),
 * still decrypts under any configured key; `isCurrentCiphertext` tells the writer to re-encrypt it.
 */
import { fromBase64Url, toBase64Url } from '../lib/base64url';

const VERSION = 'v2';
const LEGACY_VERSION = 'v1';

/** An OAuth token's two fields, and a webhook endpoint's signing secret (its agency in the tenant slot, its endpoint in the connection slot). */
export type TokenField = 'access' | 'refresh' | 'webhook_secret';

/** What a stored token belongs to: it decrypts only for exactly this tenant, connection and field. */
export interface TokenBinding {
  tenantId: string;
  connectionId: string;
  field: TokenField;
}

/** The configured keys by key id; `currentKid` encrypts, every key decrypts. */
export interface TokenKeyring {
  readonly currentKid: string;
  readonly keys: ReadonlyMap<string, CryptoKey>;
}

function rawKey(base64Key: string): Uint8Array<ArrayBuffer> {
  const raw = fromBase64Url(base64Key);
  if (raw.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes');
  return raw;
}

/**
 * A key's id: the first 8 bytes of SHA-256 over a label and the key, base64url. Derived rather than
 * configured, so an id can never name two different keys; 64 bits of a hash say nothing of a 256-bit key.
 */
async function keyId(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const label = new TextEncoder().encode('tidemark token key id\0');
  const input = new Uint8Array(label.length + raw.length);
  input.set(label);
  input.set(raw, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return toBase64Url(digest.slice(0, 8));
}

/** Imports the current key and the previous ones (base64, 32 bytes each; TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_PREVIOUS_KEYS). */
export async function importTokenKeyring(base64Keys: { current: string; previous?: readonly string[] }): Promise<TokenKeyring> {
  const keys = new Map<string, CryptoKey>();
  let currentKid = '';
  for (const [index, base64Key] of [base64Keys.current, ...(base64Keys.previous ?? [])].entries()) {
    const raw = rawKey(base64Key);
    const kid = await keyId(raw);
    if (index === 0) currentKid = kid;
    if (!keys.has(kid)) keys.set(kid, await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
  }
  return { currentKid, keys };
}

function additionalData(kid: string, binding: TokenBinding): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    JSON.stringify([VERSION, kid, binding.tenantId, binding.connectionId, binding.field]),
  ) as Uint8Array<ArrayBuffer>;
}

export async function encryptToken(keyring: TokenKeyring, plaintext: string, binding: TokenBinding): Promise<string> {
  const kid = keyring.currentKid;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(kid, binding) },
    keyring.keys.get(kid)!,
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${kid}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

export async function decryptToken(keyring: TokenKeyring, stored: string, binding: TokenBinding): Promise<string> {
  const parts = stored.split('.');
  if (parts[0] === LEGACY_VERSION && parts.length === 3) return decryptLegacy(keyring, parts[1]!, parts[2]!, binding.connectionId);
  const [version, kid, iv, body] = parts;
  if (version !== VERSION || parts.length !== 4 || !kid || !iv || !body) throw new Error('Unrecognized token ciphertext format');
  const key = keyring.keys.get(kid);
  if (!key) throw new Error(`Token ciphertext key id ${kid} is not configured (TOKEN_ENCRYPTION_PREVIOUS_KEYS)`);
  const opened = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: additionalData(kid, binding) },
    key,
    fromBase64Url(body),
  );
  return new TextDecoder().decode(opened);
}

/** v1 carries no key id: each configured key is tried (the GCM tag tells the right one). */
async function decryptLegacy(keyring: TokenKeyring, iv: string, body: string, connectionId: string): Promise<string> {
  let failure: unknown = new Error('Unrecognized token ciphertext format');
  for (const key of keyring.keys.values()) {
    try {
      const opened = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: new TextEncoder().encode(connectionId) },
        key,
        fromBase64Url(body),
      );
      return new TextDecoder().decode(opened);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** How every ciphertext under the current key begins: `v2.<kid>.`. */
export function currentCiphertextPrefix(keyring: TokenKeyring): string {
  return `${VERSION}.${keyring.currentKid}.`;
}

/** True when `stored` is in the current format under the current key; anything else should be re-encrypted. */
export function isCurrentCiphertext(keyring: TokenKeyring, stored: string): boolean {
  return stored.startsWith(currentCiphertextPrefix(keyring));
}
