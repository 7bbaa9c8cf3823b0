import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken, importTokenKey } from './token-crypto';

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => i * 7)));

describe('token encryption', () => {
  it('round-trips a token and never stores the plaintext', async () => {
    const key = await importTokenKey(KEY);
    const sealed = await encryptToken(key, 'EAAG-secret-token', 'conn-1');
    expect(sealed).not.toContain('EAAG');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(await decryptToken(key, sealed, 'conn-1')).toBe('EAAG-secret-token');
  });

  it('uses a fresh IV per encryption', async () => {
    const key = await importTokenKey(KEY);
    expect(await encryptToken(key, 't', 'c')).not.toBe(await encryptToken(key, 't', 'c'));
  });

  it('refuses a ciphertext moved to another connection', async () => {
    const key = await importTokenKey(KEY);
    const sealed = await encryptToken(key, 'token', 'conn-1');
    // AES-GCM authenticates the connection id: the tag check fails, not the parsing.
    await expect(decryptToken(key, sealed, 'conn-2')).rejects.toMatchObject({ name: 'OperationError' });
  });

  it('rejects keys that are not 32 bytes', async () => {
    await expect(importTokenKey(btoa('short'))).rejects.toThrow(/32 bytes/);
  });
});
