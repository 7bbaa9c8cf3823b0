import { type Database, withTenant } from '../../db/client';
import { recordTenantAudit } from '../../db/queries/audit';
import { deleteConnection, findConnectionGrant } from '../../db/queries/connections';
import { decryptToken, type TokenKeyring } from '../auth/token-crypto';
import { getConnector } from '../connectors/registry';
import { type Config, platformEndpoints } from '../env';

export interface DisconnectDeps {
  db: Database;
  config: Config;
  tokenKeys: TokenKeyring;
  fetch: typeof fetch;
}

export type DisconnectResult =
  | { ok: true; revokedAtPlatform: boolean; adAccounts: number; revokeError?: string }
  | { ok: false; reason: 'not_found' };

/**
 * Disconnects a grant: revokes it at the platform where the platform has a revocation endpoint, then
 * deletes the connection and so its tokens. Its ad accounts and their data stay, with no connection:
 * nothing syncs them. A platform refusing the revocation does not keep the tokens here; it is reported.
 */
export async function disconnectConnection(
  deps: DisconnectDeps,
  input: { tenantId: string; connectionId: string; actorUserId: string },
): Promise<DisconnectResult> {
  const grant = await withTenant(deps.db, input.tenantId, (tx) => findConnectionGrant(tx, input.connectionId));
  if (!grant) return { ok: false, reason: 'not_found' };
  const connector = getConnector(grant.platform);
  const endpoints = platformEndpoints(deps.config, grant.platform);
  let revokedAtPlatform = false;
  let revokeError: string | undefined;
  if (connector.oauth.revoke) {
    const binding = { tenantId: input.tenantId, connectionId: grant.id };
    // Google revokes the whole grant through its refresh token; Meta and LinkedIn revoke the access token.
    const useRefresh = grant.platform === 'google_ads' && grant.refreshTokenEnc !== null;
    const token = useRefresh
      ? await decryptToken(deps.tokenKeys, grant.refreshTokenEnc!, { ...binding, field: 'refresh' })
      : await decryptToken(deps.tokenKeys, grant.accessTokenEnc, { ...binding, field: 'access' });
    const revoked = await connector.oauth.revoke({ http: { fetch: deps.fetch, baseUrl: endpoints.tokenBase }, app: endpoints.app, token });
    revokedAtPlatform = revoked.ok;
    if (!revoked.ok) revokeError = revoked.error.message;
  }
  const adAccounts = await withTenant(deps.db, input.tenantId, async (tx) => {
    const count = await deleteConnection(tx, grant.id);
    await recordTenantAudit(tx, {
      action: 'connection.removed',
      target: grant.id,
      actorUserId: input.actorUserId,
      details: { platform: grant.platform, adAccounts: count, revokedAtPlatform },
    });
    return count;
  });
  return { ok: true, revokedAtPlatform, adAccounts, ...(revokeError ? { revokeError } : {}) };
}
