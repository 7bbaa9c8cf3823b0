import type { AgencyTx } from '../../../db/queries/agency-scope';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  purgeExpiredIdempotencyKeys,
  type StoredResponse,
} from '../../../db/queries/idempotency';
import { sha256Hex } from '../../auth/password';
import { AppError } from '../errors';

/** JSON with object keys sorted at every level, so the same body hashes the same however it was spelled. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What identifies "the same request" for a key: method, path and the body's canonical JSON. */
export function idempotencyRequestHash(method: string, path: string, body: unknown): Promise<string> {
  return sha256Hex(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`);
}

export type IdempotentResult = StoredResponse & { replayed: boolean };

/**
 * Runs `work` at most once per Idempotency-Key (inside the caller's agency transaction): the first
 * request does the work and stores its response, a repeat with the same body gets that response back,
 * a repeat with another body is a 409. Without a key the work simply runs. A thrown error rolls the
 * transaction back, key included, so the client may retry with the same key.
 */
export async function runIdempotent(
  tx: AgencyTx,
  key: string | undefined,
  request: { method: string; path: string; body: unknown },
  work: () => Promise<StoredResponse>,
): Promise<IdempotentResult> {
  if (key === undefined) return { ...(await work()), replayed: false };
  const keyHash = await sha256Hex(key);
  const requestHash = await idempotencyRequestHash(request.method, request.path, request.body);
  const now = new Date();
  // Expired keys are ignored by the claim; deleting the agency's expired rows here keeps the table small.
  await purgeExpiredIdempotencyKeys(tx, now);
  const claim = await claimIdempotencyKey(tx, { keyHash, requestHash }, now);
  if (claim.kind === 'replay') return { ...claim.response, replayed: true };
  if (claim.kind === 'mismatch') {
    throw new AppError('conflict', 'This Idempotency-Key was already used with a different request; use a new key for a new request.');
  }
  if (claim.kind === 'in_progress')
    throw new AppError('conflict', 'A request with this Idempotency-Key is still in progress; retry later.');
  const response = await work();
  await completeIdempotencyKey(tx, keyHash, response);
  return { ...response, replayed: false };
}
