import { constantTimeEqual, randomToken, sha256Hex } from './password';

/**
 * Agency API keys: `tmk_live_` (production) or `tmk_test_` (everywhere else) followed by 32 random
 * bytes in base64url. The key is shown once; what is stored is its display prefix (how a presented key
 * finds its row) and its SHA-256, compared in constant time.
 */

export type ApiKeyEnvironment = 'live' | 'test';

const RANDOM_BYTES = 32;
/** 32 bytes of base64url without padding. */
const RANDOM_CHARS = 43;
/** Characters of the random part kept in the prefix: 72 bits, enough to tell keys apart in a list. */
const PREFIX_RANDOM_CHARS = 12;
const KEY_PATTERN = new RegExp(`^tmk_(live|test)_[A-Za-z0-9_-]{${RANDOM_CHARS}}$`);

/** Last-used time is written at most this often per key, so a busy key costs no write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewApiKey {
  /** The whole key: returned once to its creator, never stored or logged. */
  key: string;
  prefix: string;
  keyHash: string;
}

export async function generateApiKey(environment: ApiKeyEnvironment): Promise<NewApiKey> {
  const key = `tmk_${environment}_${randomToken(RANDOM_BYTES)}`;
  return { key, prefix: apiKeyPrefix(key), keyHash: await sha256Hex(key) };
}

function apiKeyPrefix(key: string): string {
  const environmentLength = 'tmk_live_'.length;
  return key.slice(0, environmentLength + PREFIX_RANDOM_CHARS);
}

/** The prefix of a well-formed key, or null for anything else (no lookup is made for a malformed key). */
export function parseApiKey(presented: string): { key: string; prefix: string } | null {
  if (!KEY_PATTERN.test(presented)) return null;
  return { key: presented, prefix: apiKeyPrefix(presented) };
}

/** The key from `Authorization: Bearer <key>`, or null when the header is missing or not a bearer token. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Compares the presented key's SHA-256 with a stored one in constant time. */
export async function apiKeyMatches(presented: string, storedHash: string): Promise<boolean> {
  const encoder = new TextEncoder();
  return constantTimeEqual(encoder.encode(await sha256Hex(presented)), encoder.encode(storedHash));
}

/** True when the stored last-used time is missing or older than the resolution. */
export function isLastUsedStale(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}

/** Keys are `live` only in production, so a test key can never work against production data. */
export function apiKeyEnvironment(appEnv: string): ApiKeyEnvironment {
  return appEnv === 'production' ? 'live' : 'test';
}
