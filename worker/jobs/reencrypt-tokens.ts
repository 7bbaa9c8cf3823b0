import { type Database, withTenant } from '../../db/database';
import { listStaleTokenConnectionsAcrossTenants } from '../../db/queries/fleet';
import { storeTokenCiphertexts } from '../../db/queries/sync';
import { loggableErrorMessage } from '../../db/query-errors';
import { currentCiphertextPrefix, decryptToken, encryptToken, type TokenField, type TokenKeyring } from '../auth/token-crypto';

export interface ReencryptResult {
  reencrypted: number;
  /** Rows no listed key opens (sealed for another row, or under a key no longer listed): left as they are. */
  unreadable: number;
}

/**
 * Rewrites up to `limit` connections whose token ciphertexts are in the format before key ids or
 * under a previous key, across tenants. The sync's token step does the same for the connections it
 * reads; this sweep reaches those that never sync (needs re-auth, disabled accounts, archived
 * tenants), so a rotated-out key can be dropped once no row carries it.
 */
export async function reencryptStaleTokens(db: Database, keys: TokenKeyring, limit: number): Promise<ReencryptResult> {
  const stale = await listStaleTokenConnectionsAcrossTenants(db, currentCiphertextPrefix(keys), limit);
  const result: ReencryptResult = { reencrypted: 0, unreadable: 0 };
  for (const connection of stale) {
    const binding = (field: TokenField) => ({ tenantId: connection.tenantId, connectionId: connection.id, field });
    const reseal = async (field: TokenField, stored: string) =>
      encryptToken(keys, await decryptToken(keys, stored, binding(field)), binding(field));
    let ciphertexts: { accessTokenEnc: string; refreshTokenEnc: string | null };
    try {
      ciphertexts = {
        accessTokenEnc: await reseal('access', connection.accessTokenEnc),
        refreshTokenEnc: connection.refreshTokenEnc === null ? null : await reseal('refresh', connection.refreshTokenEnc),
      };
    } catch (error) {
      result.unreadable++;
      console.warn(
        JSON.stringify({
          level: 'warn',
          event: 'token ciphertext unreadable',
          connectionId: connection.id,
          error: loggableErrorMessage(error),
        }),
      );
      continue;
    }
    await withTenant(db, connection.tenantId, (tx) => storeTokenCiphertexts(tx, connection.id, ciphertexts, connection));
    result.reencrypted++;
  }
  return result;
}
