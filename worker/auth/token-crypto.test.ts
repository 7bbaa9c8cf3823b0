import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../lib/base64url';
import { decryptToken, encryptToken, importTokenKeyring, isCurrentCiphertext, type TokenBinding } from './token-crypto';

const keyOf = (seed: number) => btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => (i * 7 + seed) % 256)));
const OLD_KEY = keyOf(0);
const NEW_KEY = keyOf(101);

const access: TokenBinding = { tenantId: 'tenant-1', connectionId: 'conn-1', field: 'access' };
const refresh: TokenBinding = { ...access, field: 'refresh' };

/** The format before key ids: `v1.<iv>.<ciphertext>`, AES-256-GCM with the connection id alone as additional data. */
async function legacyCiphertext(base64Key: string, plaintext: string, connectionId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', fromBase64Url(base64Key), 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(connectionId) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

describe('token encryption', () => {
  it('round-trips a token, stores the key id and never the plaintext', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY });
    const sealed = await encryptToken(keys, 'EAAG-secret-token', access);
    expect(sealed).not.toContain('EAAG');
    expect(sealed.split('.')).toHaveLength(4);
    expect(sealed.startsWith(`v2.${keys.currentKid}.`)).toBe(true);
    expect(await decryptToken(keys, sealed, access)).toBe('EAAG-secret-token');
  });

  it('uses a fresh IV per encryption', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY });
    expect(await encryptToken(keys, 't', access)).not.toBe(await encryptToken(keys, 't', access));
  });

  it('derives a short key id from the key, different for different keys and revealing nothing of it', async () => {
    const a = await importTokenKeyring({ current: OLD_KEY });
    const b = await importTokenKeyring({ current: NEW_KEY });
    expect(a.currentKid).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(a.currentKid).not.toBe(b.currentKid);
    expect((await importTokenKeyring({ current: OLD_KEY })).currentKid).toBe(a.currentKid);
    expect(OLD_KEY).not.toContain(a.currentKid);
  });

  it('refuses an access token ciphertext copied into the refresh token field, and back', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY });
    const accessSealed = await encryptToken(keys, 'access-token', access);
    const refreshSealed = await encryptToken(keys, 'refresh-token', refresh);
    // AES-GCM authenticates the binding: the tag check fails, not the parsing.
    await expect(decryptToken(keys, accessSealed, refresh)).rejects.toMatchObject({ name: 'OperationError' });
    await expect(decryptToken(keys, refreshSealed, access)).rejects.toMatchObject({ name: 'OperationError' });
  });

  it('refuses a ciphertext moved to another connection of the same tenant', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY });
    const sealed = await encryptToken(keys, 'token', access);
    await expect(decryptToken(keys, sealed, { ...access, connectionId: 'conn-2' })).rejects.toMatchObject({ name: 'OperationError' });
  });

  it('refuses a ciphertext moved to a connection with the same id in another tenant', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY });
    const sealed = await encryptToken(keys, 'token', access);
    await expect(decryptToken(keys, sealed, { ...access, tenantId: 'tenant-2' })).rejects.toMatchObject({ name: 'OperationError' });
  });

  it('refuses a ciphertext whose key id was rewritten to another listed key', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY, previous: [OLD_KEY] });
    const old = await importTokenKeyring({ current: OLD_KEY });
    const [version, , iv, body] = (await encryptToken(keys, 'token', access)).split('.');
    await expect(decryptToken(keys, [version, old.currentKid, iv, body].join('.'), access)).rejects.toMatchObject({
      name: 'OperationError',
    });
  });

  it('refuses a ciphertext under a key id that is not configured', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY });
    const retired = await importTokenKeyring({ current: OLD_KEY });
    const sealed = await encryptToken(retired, 'token', access);
    await expect(decryptToken(keys, sealed, access)).rejects.toThrow(/key id .* is not configured/);
  });

  describe('key rotation', () => {
    it('decrypts rows of the previous key once a new key is current, and writes new rows with the new key id', async () => {
      const before = await importTokenKeyring({ current: OLD_KEY });
      const storedBefore = await encryptToken(before, 'old-row-token', access);
      const rotated = await importTokenKeyring({ current: NEW_KEY, previous: [OLD_KEY] });
      expect(rotated.currentKid).not.toBe(before.currentKid);
      expect(await decryptToken(rotated, storedBefore, access)).toBe('old-row-token');
      const written = await encryptToken(rotated, 'new-row-token', access);
      expect(written.split('.')[1]).toBe(rotated.currentKid);
      expect(isCurrentCiphertext(rotated, storedBefore)).toBe(false);
      expect(isCurrentCiphertext(rotated, written)).toBe(true);
    });

    it('cannot decrypt rows of a key that was dropped from the list', async () => {
      const before = await importTokenKeyring({ current: OLD_KEY });
      const storedBefore = await encryptToken(before, 'token', access);
      await expect(decryptToken(await importTokenKeyring({ current: NEW_KEY }), storedBefore, access)).rejects.toThrow();
    });
  });

  describe('ciphertexts of the format before key ids (v1, connection id only)', () => {
    it('still decrypt, under the current key or a previous one, and are not current', async () => {
      const legacy = await legacyCiphertext(OLD_KEY, 'legacy-token', 'conn-1');
      const unrotated = await importTokenKeyring({ current: OLD_KEY });
      expect(await decryptToken(unrotated, legacy, access)).toBe('legacy-token');
      expect(await decryptToken(unrotated, legacy, refresh)).toBe('legacy-token');
      const rotated = await importTokenKeyring({ current: NEW_KEY, previous: [OLD_KEY] });
      expect(await decryptToken(rotated, legacy, access)).toBe('legacy-token');
      expect(isCurrentCiphertext(rotated, legacy)).toBe(false);
      expect(isCurrentCiphertext(unrotated, legacy)).toBe(false);
    });

    it('stay bound to their connection id', async () => {
      const legacy = await legacyCiphertext(OLD_KEY, 'legacy-token', 'conn-1');
      const keys = await importTokenKeyring({ current: OLD_KEY });
      await expect(decryptToken(keys, legacy, { ...access, connectionId: 'conn-2' })).rejects.toMatchObject({ name: 'OperationError' });
    });
  });

  it('rejects keys that are not 32 bytes, current or previous', async () => {
    await expect(importTokenKeyring({ current: btoa('short') })).rejects.toThrow(/32 bytes/);
    await expect(importTokenKeyring({ current: NEW_KEY, previous: [btoa('short')] })).rejects.toThrow(/32 bytes/);
  });

  it('rejects an unknown stored format', async () => {
    const keys = await importTokenKeyring({ current: NEW_KEY });
    await expect(decryptToken(keys, 'plaintext-token', access)).rejects.toThrow(/Unrecognized token ciphertext format/);
  });
});
