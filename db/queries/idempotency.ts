import { and, eq, lte, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../schema';
import type { AgencyTx } from './agency-scope';

/** How long a stored response is replayed for the same Idempotency-Key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type StoredResponse = { status: number; body: unknown };

export type IdempotencyClaim =
  /** This request holds the key (its row is locked until the transaction ends): do the work, then completeIdempotencyKey. */
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  /** The key was used with another request. */
  | { kind: 'mismatch' }
  /** The key's first request has not stored a response (cannot outlive its transaction; kept for completeness). */
  | { kind: 'in_progress' };

/**
 * Claims an Idempotency-Key inside the transaction that then does the work. A concurrent request with
 * the same key blocks on the inserted row until this transaction commits (and then replays its
 * response) or rolls back (and then claims the key itself), so the work happens once. An expired row
 * is taken over as if it were not there.
 */
export async function claimIdempotencyKey(
  tx: AgencyTx,
  key: { keyHash: string; requestHash: string },
  now: Date,
): Promise<IdempotencyClaim> {
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_MS);
  const claimed = await tx.db
    .insert(idempotencyKeys)
    .values({ agencyId: tx.agencyId, keyHash: key.keyHash, requestHash: key.requestHash, createdAt: now, expiresAt })
    .onConflictDoUpdate({
      target: [idempotencyKeys.agencyId, idempotencyKeys.keyHash],
      set: { requestHash: key.requestHash, responseStatus: null, responseBody: null, createdAt: now, expiresAt },
      setWhere: lte(idempotencyKeys.expiresAt, now),
    })
    .returning({ keyHash: idempotencyKeys.keyHash });
  if (claimed.length) return { kind: 'claimed' };
  const [existing] = await tx.db
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.responseStatus, body: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.agencyId, tx.agencyId), eq(idempotencyKeys.keyHash, key.keyHash)));
  if (!existing || existing.requestHash !== key.requestHash) return { kind: 'mismatch' };
  if (existing.status === null) return { kind: 'in_progress' };
  return { kind: 'replay', response: { status: existing.status, body: existing.body } };
}

/** Stores the response of the work done under a claimed key, to be replayed for 24 hours. */
export async function completeIdempotencyKey(tx: AgencyTx, keyHash: string, response: StoredResponse): Promise<void> {
  await tx.db
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseBody: response.body })
    .where(and(eq(idempotencyKeys.agencyId, tx.agencyId), eq(idempotencyKeys.keyHash, keyHash)));
}

/** Deletes the agency's expired keys (called now and then; an expired row is already ignored). */
export async function purgeExpiredIdempotencyKeys(tx: AgencyTx, now: Date): Promise<number> {
  const deleted = await tx.db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.agencyId, tx.agencyId), sql`${idempotencyKeys.expiresAt} <= ${now}`))
    .returning({ keyHash: idempotencyKeys.keyHash });
  return deleted.length;
}
