/**
 * What every platform fake receives from the fake server: the world, the call ledger,
 * the fault plan and the rate-limit regimes. Set through the control API (/_control),
 * never by product code.
 */
import type { FakeMember, Platform, World } from './world/types';

export type ServiceName = Platform | 'sendgrid' | 'slack' | 'datadog' | 'cloudflare' | 'webhooks' | 'fx_rates';

export interface CallRecord {
  service: ServiceName;
  method: string;
  /** Path below the service prefix, e.g. "/v23.0/act_123/insights". */
  path: string;
  /** Native ad account id the call was about, when there is one. */
  accountId?: string;
  /** Identity of the caller (token subject) when known: rate limits are per app and per member. */
  principal?: string;
  /** Fake-clock epoch ms. */
  at: number;
  status: number;
  /** What the call cost against quota: Google counts one operation per query, not per page. */
  cost: number;
  /** True when the answer was the platform's throttle (Meta answers 400 with a rate-limit code; Google and LinkedIn 429). */
  throttled?: boolean;
}

export interface CallLedger {
  record(call: CallRecord): void;
  list(filter?: Partial<Pick<CallRecord, 'service' | 'accountId' | 'principal'>>): CallRecord[];
  /** Sum of `cost` of calls matching the filter since `sinceMs` (fake clock). */
  cost(filter: Partial<Pick<CallRecord, 'service' | 'accountId' | 'principal'>>, sinceMs: number): number;
  reset(): void;
  /** Calls `listener` with every call recorded from now on (a benchmark counts more calls than the ledger keeps); returns the unsubscribe. */
  observe(listener: (call: CallRecord) => void): () => void;
}

export type FaultKind =
  | 'server_error' // the platform's own 5xx body
  | 'timeout' // hold the response for `delayMs` then drop the connection
  | 'truncated_body' // 200 with the first half of the JSON body
  | 'rate_limit' // the platform's own throttle error (429 / Meta code 17 ...), even under budget
  | 'revoked_token' // the platform's own invalid-token error for every token of the principal
  | 'repeat_cursor'; // Meta: a page reached with a cursor hands back that same cursor as its next (paging loops)

export interface FaultRule {
  id: string;
  service: ServiceName;
  kind: FaultKind;
  /** Only requests whose path contains this substring. */
  pathContains?: string;
  accountId?: string;
  /** How many matching requests the fault applies to; Infinity until cleared. */
  remaining: number;
  delayMs?: number;
  /**
   * Applies to each matching request with this probability (drawn from a generator seeded with
   * `seed`, so a run is repeatable); a request it spares falls through to the next rule. Always when unset.
   */
  probability?: number;
  /** Seed of the rule's own generator (1 by default). */
  seed?: number;
}

export interface FaultPlan {
  add(rule: Omit<FaultRule, 'id'>): FaultRule;
  /** Consume and return the first rule matching this request, if any. */
  take(service: ServiceName, request: { path: string; accountId?: string }): FaultRule | null;
  list(): FaultRule[];
  clear(service?: ServiceName): void;
}

export interface MetaRegime {
  /** Marketing API access tier; it picks the BUC formula (Limited = ex-Standard, Full = ex-Advanced). */
  tier: 'development' | 'limited' | 'full';
  /** App-level calls per rolling hour (Graph platform limit, e.g. 200 x DAU). */
  appCallsPerHour: number;
  /** Replaces the BUC formula's per-ad-account hourly budget (to make throttling reachable in tests and demos). */
  accountCallsPerHourOverride?: number;
  /** The same, for single ad accounts (by id without act_), so a test throttles only its own account. */
  accountCallsPerHourByAccount?: Record<string, number>;
  /**
   * Steps an async report job takes to complete, each one status poll or STAGE_MS of fake time
   * (5 by default); more steps make a big report outlast one sync's polling, as real ones do.
   */
  reportRunSteps?: number;
}
export interface GoogleRegime {
  accessLevel: 'test' | 'explorer' | 'basic' | 'standard';
  /** Operations per sliding 24 h (derived from the access level unless set). */
  dailyOperations: number;
  /** Requests per second per customer before RESOURCE_TEMPORARILY_EXHAUSTED. */
  qpsPerCustomer: number;
}
export interface LinkedInRegime {
  /** Unpublished daily limits per application and per member, reset at midnight UTC. */
  dailyAppLimit: number;
  dailyMemberLimit: number;
  /** The member limit for single members (by member id), so a test throttles only its own member. */
  dailyMemberLimitByMember?: Record<string, number>;
}
export interface Regimes {
  meta: MetaRegime;
  google_ads: GoogleRegime;
  linkedin: LinkedInRegime;
}

/** Who is signed in to each platform's OAuth dialog, chosen through POST /_control/oauth/:platform. */
export interface OAuthDialogChoice {
  /** The member the dialog signs in as (the 'demo' member unless chosen otherwise). */
  member(platform: Platform): FakeMember;
  /** True (default): the dialog grants at once and redirects back with a code; false: it shows its consent page. */
  autoApprove(platform: Platform): boolean;
}

export type TokenAction = 'expire' | 'revoke';

/**
 * What the control API may do to one token a platform fake issued, and nothing else the member
 * holds: an access token refused before the expiry the client recorded, a dead refresh token.
 */
export interface TokenControl {
  /** Applies the action to exactly this token; says whether it was an access or a refresh token, null when never issued. */
  apply(token: string, action: TokenAction): 'access' | 'refresh' | null;
}

export interface FakeContext {
  world: World;
  calls: CallLedger;
  faults: FaultPlan;
  regimes: Regimes;
  /** Base URL the fakes are reached at (e.g. http://127.0.0.1:8790), for absolute `paging.next` links. */
  publicBaseUrl: string;
  /** Set by the fake server; absent in contexts built by hand in platform unit tests. */
  oauth?: OAuthDialogChoice;
  /** Each mounted platform fake registers its token store here for /_control/tokens. */
  tokens?: Partial<Record<Platform, TokenControl>>;
}
