import { getServerByName } from 'partyserver';
import type { Database } from '../../db/database';
import { importTokenKey } from '../auth/token-crypto';
import type { Config } from '../env';
import type { SyncDeps } from './sync';

/**
 * The real dependencies of a sync job inside the Worker: the request's database, global fetch,
 * the wall clock, the tenant's TenantHub and the app-wide PlatformQuota of each platform.
 */
export async function createSyncDeps(env: Env, db: Database, config: Config): Promise<SyncDeps> {
  return {
    db,
    config,
    tokenKey: await importTokenKey(config.TOKEN_ENCRYPTION_KEY),
    fetch: (input, init) => fetch(input, init),
    now: () => new Date(),
    hub: (tenantId) => getServerByName(env.TenantHub, tenantId),
    // The demands carry their policies (from configuration); the object only keeps the state.
    quota: (platform) => getServerByName(env.PlatformQuota, platform),
  };
}
