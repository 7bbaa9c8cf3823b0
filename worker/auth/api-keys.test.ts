import { describe, expect, it } from 'vitest';
import { apiKeyEnvironment, apiKeyMatches, bearerToken, generateApiKey, isLastUsedStale, parseApiKey } from './api-keys';
import { sha256Hex } from './password';

describe('agency API keys', () => {
  it('generates a prefixed base64url key from 32 random bytes and keeps only its prefix and SHA-256', async () => {
    const created = await generateApiKey('live');
    expect(created.key).toMatch(/^tmk_live_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 21));
    expect(created.keyHash).toBe(await sha256Hex(created.key));
    expect(created.keyHash).not.toContain(created.key.slice(9));
  });

  it('never generates the same key twice', async () => {
    const keys = await Promise.all(Array.from({ length: 50 }, () => generateApiKey('test')));
    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
    expect(keys.every((k) => k.key.startsWith('tmk_test_'))).toBe(true);
  });

  it('parses a well-formed key to its prefix and refuses malformed ones', async () => {
    const { key, prefix } = await generateApiKey('test');
    expect(parseApiKey(key)).toEqual({ key, prefix });
    for (const bad of [
      '',
      'tmk_live_short',
      `tmk_prod_${key.slice(9)}`,
      `${key}x`,
      key.replace(/.$/, '!'),
      `tmk_test_${'\u0000'.repeat(43)}`,
    ]) {
      expect(parseApiKey(bad), bad).toBeNull();
    }
  });

  it('reads the key from a bearer Authorization header only', () => {
    expect(bearerToken('Bearer tmk_test_abc')).toBe('tmk_test_abc');
    expect(bearerToken('bearer  tmk_test_abc')).toBe('tmk_test_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });

  it('matches a key against its stored hash and nothing else', async () => {
    const a = await generateApiKey('test');
    const b = await generateApiKey('test');
    expect(await apiKeyMatches(a.key, a.keyHash)).toBe(true);
    expect(await apiKeyMatches(a.key, b.keyHash)).toBe(false);
    expect(await apiKeyMatches(a.key, '')).toBe(false);
  });

  it('writes the last-used time at most once a minute', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(isLastUsedStale(null, now)).toBe(true);
    expect(isLastUsedStale(new Date('2026-12-01T11:59:30Z'), now)).toBe(false);
    expect(isLastUsedStale(new Date('2026-12-01T11:59:00Z'), now)).toBe(true);
  });

  it('issues live keys only in production', () => {
    expect(apiKeyEnvironment('production')).toBe('live');
    expect(apiKeyEnvironment('development')).toBe('test');
    expect(apiKeyEnvironment('test')).toBe('test');
  });
});
