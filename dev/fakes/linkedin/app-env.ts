import type { FakeMember } from '../world/types';

/** Per-request state the middleware hands to the handlers. */
export interface LinkedInEnv {
  Variables: {
    /** Member id of the bearer token, once known. */
    principal?: string;
    member: FakeMember;
    scopes: string[];
    /** Raw (still percent-encoded) Rest.li query parameters, merged from URL and tunneled body. */
    params: Map<string, string>;
    accountId?: string;
    /** Quota cost of the call: 1 once it passed auth and the daily limits. */
    cost: number;
  };
}
