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
  let revokedAtPlatform = false;
  let revokeError: string | undefined;
  if (connector.oauth.revoke) {
    const revoked = await revokeAtPlatform(deps, input.tenantId, grant);
    revokedAtPlatform = revoked.ok;
    if (!revoked.ok) revokeError = revoked.message;
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

/** Revokes the grant at its platform; a token that cannot be read here (a lost key) or a refusal is reported, never thrown. */
async function revokeAtPlatform(
  deps: DisconnectDeps,
  tenantId: string,
  grant: NonNullable<Awaited<ReturnType<typeof findConnectionGrant>>>,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const connector = getConnector(grant.platform);
  const endpoints = platformEndpoints(deps.config, grant.platform);
  const binding = { tenantId, connectionId: grant.id };
  // Google revokes the whole grant through its refresh token; Meta and LinkedIn revoke the access token.
  const useRefresh = grant.platform === 'google_ads' && grant.refreshTokenEnc !== null;
  let token: string;
  try {
    token = useRefresh
      ? await decryptToken(deps.tokenKeys, grant.refreshTokenEnc!, { ...binding, field: 'refresh' })
      : await decryptToken(deps.tokenKeys, grant.accessTokenEnc, { ...binding, field: 'access' });
  } catch {
    return { ok: false, message: 'the stored token could not be decrypted, so it was deleted without revoking it at the platform' };
  }
  const revoked = await connector.oauth.revoke!({ http: { fetch: deps.fetch, baseUrl: endpoints.tokenBase }, app: endpoints.app, token });
  return revoked.ok ? { ok: true } : { ok: false, message: revoked.error.message };
}
