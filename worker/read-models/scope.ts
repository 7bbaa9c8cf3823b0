import type { Database } from '../../db/database';
import type { TenantAccess } from '../../db/queries/tenant-access';
import type { GaugeSink } from '../observability/catalog';

/**
 * What a tenant-scoped read model needs: the request's database and the tenant the request
 * resolved (its id scopes the queries, its data version keys the cache). The Hono handlers and the
 * SvelteKit loads both build one from what they already hold.
 */
export interface TenantReadScope {
  db: Database;
  tenant: Pick<TenantAccess, 'id' | 'dataVersion'>;
  /** Where the read's database time goes (`tidemark.dashboard.query_duration`); not timed when absent. */
  telemetry?: GaugeSink;
}

/** Runs a read model's database work and records how long it took, per query name and tenant. */
export async function timedRead<T>(scope: TenantReadScope, query: string, read: () => Promise<T>): Promise<T> {
  const startedMs = Date.now();
  try {
    return await read();
  } finally {
    scope.telemetry?.gauge('tidemark.dashboard.query_duration', Date.now() - startedMs, { query, tenant: scope.tenant.id });
  }
}

/** A read model's view and whether it came from the query cache (the API reports it in x-tidemark-cache). */
export interface Cached<T> {
  value: T;
  hit: boolean;
}
