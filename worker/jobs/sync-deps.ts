import { getServerByName } from 'partyserver';
import type { Database } from '../../db/database';
import { importTokenKey } from '../auth/token-crypto';
import { appQuotas, type Config } from '../env';
import { clockOf } from '../lib/clock';
import { appPolicies } from '../realtime/budget';
import type { SyncDeps } from './sync';

/**
 * The real dependencies of a sync job inside the Worker: the request's database, global fetch,
 * the Worker's clock (the wall clock, or compressed time in the benchmark), the tenant's TenantHub and the app-wide PlatformQuota of each platform.
 */
export async function createSyncDeps(env: Env, db: Database, config: Config): Promise<SyncDeps> {
  const clock = clockOf(config);
  return {
    db,
    config,
    tokenKey: await importTokenKey(config.TOKEN_ENCRYPTION_KEY),
    fetch: (input, init) => fetch(input, init),
    now: () => clock.now(),
    hub: (tenantId) => getServerByName(env.TenantHub, tenantId),
    quota: async (platform) => {
      const stub = await getServerByName(env.PlatformQuota, platform);
      const policy = appPolicies(appQuotas(config))[platform];
      return { admit: (p) => stub.admit(p, policy), report: (p, report) => stub.report(p, policy, report) };
    },
  };
}
