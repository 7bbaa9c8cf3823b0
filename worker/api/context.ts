import type { Context } from 'hono';
import type { Database } from '../../db/client';
import type { SessionUser } from '../../db/queries/auth';
import type { TenantAccess } from '../../db/queries/tenant-access';
import type { Config } from '../env';

/** Hono generics for the API: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    config: Config;
    db: Database;
    user: SessionUser;
    tenant: TenantAccess;
  };
}

export type AppContext = Context<AppEnv>;
