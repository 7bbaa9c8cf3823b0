import type { Context } from 'hono';
import type { Database } from '../../db/client';
import type { Config } from '../env';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  role: string;
}

/** Hono generics for the API: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    config: Config;
    db: Database;
    user: SessionUser;
    tenant: TenantRef;
  };
}

export type AppContext = Context<AppEnv>;
