import type { Database } from '../../db/database';
import type { TenantAccess } from '../../db/queries/tenant-access';

/**
 * What a tenant-scoped read model needs: the request's database and the tenant the request
 * resolved (its id scopes the queries, its data version keys the cache). The Hono handlers and the
 * SvelteKit loads both build one from what they already hold.
 */
export interface TenantReadScope {
  db: Database;
  tenant: Pick<TenantAccess, 'id' | 'dataVersion'>;
}

/** A read model's view and whether it came from the query cache (the API reports it in x-tidemark-cache). */
export interface Cached<T> {
  value: T;
  hit: boolean;
}
