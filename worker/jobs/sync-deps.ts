import { getServerByName } from 'partyserver';
import type { Database } from '../../db/database';
import { importTokenKeyring } from '../auth/token-crypto';
import { type Config, tokenKeys } from '../env';
import { clockOf } from '../lib/clock';
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
    tokenKeys: await importTokenKeyring(tokenKeys(config)),
    fetch: (input, init) => fetch(input, init),
    now: () => clock.now(),
    hub: (tenantId) => getServerByName(env.TenantHub, tenantId),
    // The demands carry their policies (from configuration); the object only keeps the state.
    quota: (platform) => getServerByName(env.PlatformQuota, platform),
  };
}
