import type { ApiKeyScope } from '../../../db/schema/enum-values';
import type { AppEnv } from '../context';

/** The key a /api/v1 request authenticated with (middleware in auth.ts). */
export interface ApiKeyPrincipal {
  id: string;
  agencyId: string;
  scope: ApiKeyScope;
}

/** Hono generics for /api/v1: the API's own plus the authenticated key. */
export interface V1Env {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { apiKey: ApiKeyPrincipal };
}
