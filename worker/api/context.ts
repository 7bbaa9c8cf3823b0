import type { Context } from 'hono';
import type { Database } from '../../db/client';
import type { SessionUser } from '../../db/queries/auth';
import type { TenantAccess } from '../../db/queries/tenant-access';
import type { Config } from '../env';
import type { TenantReadScope } from '../read-models/scope';
import type { RequestScope } from '../request-scope';

/** Hono generics for the API: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Config, database and session of this request (middleware/request-context.ts); config and db are repeated below for brevity. */
    scope: RequestScope;
    config: Config;
    db: Database;
    user: SessionUser;
    tenant: TenantAccess;
  };
}

export type AppContext = Context<AppEnv>;

/** The read models' scope for this request: its database, the tenant the middleware resolved, the request's telemetry. */
export function tenantScope(c: AppContext): TenantReadScope {
  return { db: c.get('db'), tenant: c.get('tenant'), telemetry: c.get('scope').telemetry };
}
