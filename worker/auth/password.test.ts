import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  hashPassword,
  PBKDF2_ITERATIONS,
  PBKDF2_MAX_ITERATIONS,
  randomToken,
  sha256Hex,
  verifyPassword,
} from './password';

describe('password hashing', () => {
  it('uses an iteration count that production workerd accepts (at most 100,000)', () => {
    expect(PBKDF2_MAX_ITERATIONS).toBe(100_000);
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
  });

  it('stores the scheme, the iteration count, a salt and a 32-byte hash', async () => {
    const stored = await hashPassword('correct horse');
    const [scheme, iterations, salt, hash] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(PBKDF2_ITERATIONS);
    expect(atob(salt!).length).toBe(16);
    expect(atob(hash!).length).toBe(32);
  });

  it('accepts the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so the same password hashes differently twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('verifies a known PBKDF2-SHA256 vector computed independently', async () => {
    // RFC 7914 §11 test vector: P="passwd", S="salt", c=1, dkLen=32 (first 32 bytes).
    const expected = '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc';
    const hashB64 = btoa(String.fromCharCode(...expected.match(/../g)!.map((h) => parseInt(h, 16))));
    expect(await verifyPassword('passwd', `pbkdf2-sha256$1$${btoa('salt')}$${hashB64}`)).toBe(true);
  });

  it('returns false instead of throwing for malformed or foreign hashes', async () => {
    for (const stored of [
      '',
      'bcrypt$2b$10$abc',
      'pbkdf2-sha256$abc$c2FsdA==$aGFzaA==',
      'pbkdf2-sha256$1$!!!$???',
      'pbkdf2-sha256$1$c2FsdA==$aGFzaA==',
      `pbkdf2-sha256$200000$${btoa('salt')}$${btoa('x'.repeat(32))}`,
    ]) {
      expect(await verifyPassword('passwd', stored)).toBe(false);
    }
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical byte arrays of equal length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe('sha256Hex and randomToken', () => {
  it('hashes to lowercase hex matching the standard SHA-256 of "abc"', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('makes url-safe tokens of the requested entropy that do not repeat', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => randomToken(32)));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(randomToken(16)).toHaveLength(22);
  });
});
