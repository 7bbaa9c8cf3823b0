import { getServerByName } from 'partyserver';
import type { Database } from '../../db/database';
import { importTokenKey } from '../auth/token-crypto';
import { appQuotas, type Config } from '../env';
import { appPolicies } from '../realtime/budget';
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
    quota: async (platform) => {
      const stub = await getServerByName(env.PlatformQuota, platform);
      const policy = appPolicies(appQuotas(config))[platform];
      return { admit: (p) => stub.admit(p, policy), report: (p, report) => stub.report(p, policy, report) };
    },
  };
}
