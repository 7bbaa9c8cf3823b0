/**
 * The one interface every ad-platform connector implements. Connectors are pure adapters:
 * credentials, an injected fetch, base URLs and a cursor in; normalized rows, entities,
 * a next cursor and the usage signals they saw out. No database, no env, no globalThis.fetch.
 */
import type { Platform } from '../../db/schema/enum-values';
import type { DateWindow, IsoDate } from '../lib/dates';

export interface NormalizedMetrics {
  impressions: number;
  clicks: number;
  /** Integer micros in the ad account's currency. */
  spendMicros: number;
  /** At most 6 decimals (Google reports fractional conversions). */
  conversions: number;
  /** Integer micros in the ad account's currency. */
  conversionValueMicros: number;
}

/** One ad on one account-local date. Ids are the platform's external ids as strings. */
export interface NormalizedDailyRow extends NormalizedMetrics {
  date: IsoDate;
  adId: string;
  adGroupId: string;
  campaignId: string;
  /** Small platform-specific values worth keeping (e.g. LinkedIn costInUsdMicros). */
  extras: Record<string, unknown>;
}

/** One ad in one account-local hour (0-23) of a date; Meta and Google only, for today's pacing. */
export interface NormalizedHourlyRow extends NormalizedDailyRow {
  hour: number;
}

export type EntityStatus = 'active' | 'paused' | 'archived' | 'deleted';

interface EntityBase {
  externalId: string;
  name: string;
  status: EntityStatus;
  /** The platform's own status word, kept for display and debugging. */
  rawStatus: string;
}
export type NormalizedCampaign = EntityBase;
export interface NormalizedAdGroup extends EntityBase {
  campaignId: string;
}
export interface NormalizedAd extends EntityBase {
  adGroupId: string;
  campaignId: string;
}
export interface NormalizedEntities {
  campaigns: NormalizedCampaign[];
  adGroups: NormalizedAdGroup[];
  ads: NormalizedAd[];
}

export type UsageScope = 'account' | 'app' | 'user' | 'daily';

/** Meta's business use cases a sync spends: insights reads and report runs, entity reads (AD-APIS.md §1.6). */
export type MetaUseCase = 'ads_insights' | 'ads_management';

/** A rate-limit reading the platform sent (Meta's usage headers); input to the budgets. */
export interface UsageSignal {
  platform: Platform;
  scope: UsageScope;
  /** Where it came from, e.g. the header name. */
  source: string;
  /** 0-100+ percent of the limit used. */
  utilPct: number;
  /** Platform's hint that access is blocked for this many minutes (0 = not blocked). */
  regainAccessMinutes: number | null;
  /** Seconds until the usage window resets (Meta X-Ad-Account-Usage reset_time_duration), when the platform says. */
  resetSeconds?: number;
  /** Meta: the business use case the reading is for (X-Business-Use-Case-Usage type, insights throttle). */
  useCase?: MetaUseCase;
}

/** What went wrong, in the four kinds the queue consumer turns into actions. */
export type ConnectorError =
  | {
      kind: 'rate_limited';
      /** The platform's own hint (Meta estimated_time_to_regain_access, Google retryDelay); null when it gives none (LinkedIn). */
      retryAfterMs: number | null;
      scope: UsageScope;
      /** Meta: a BUC throttle of one use case (80000 ads_insights, 80004 ads_management) blocks only that one. */
      useCase?: MetaUseCase;
      /** Where to resume; see SyncSuccess.nextCursor. */
      cursor: string | null;
      message: string;
    }
  | { kind: 'auth_failed'; message: string }
  | { kind: 'transient'; message: string; status?: number }
  | { kind: 'permanent'; message: string; code?: string };

/** How a connector reaches one host: an injected fetch and the base URL (real or fake). */
export interface HttpConfig {
  fetch: typeof fetch;
  baseUrl: string;
  /** Per-request timeout; defaults to 30 s. */
  timeoutMs?: number;
  /** Largest response body read, in bytes; defaults to DEFAULT_MAX_RESPONSE_BYTES (http.ts). */
  maxResponseBytes?: number;
}

export interface AccountRef {
  externalId: string;
  currency: string;
  timeZone: string;
  /** Google: the manager (MCC) the customer is reached through, sent as login-customer-id. */
  managerExternalId?: string;
}

export interface Credentials {
  accessToken: string;
  /** Google's optional developer-token header. */
  developerToken?: string;
}

export interface SyncOptions {
  /** Fetch entity metadata (default true). */
  includeEntities?: boolean;
  /** Also fetch hourly rows for the window (Meta, Google; ignored by LinkedIn). */
  includeHourly?: boolean;
  /** Meta: use an async report job even for a short window. */
  forceAsync?: boolean;
  /**
   * Meta: status polls of a resumed report in one call, back to back without waiting, before
   * handing back a cursor (default 1). A fresh report is always handed back before any poll.
   */
  maxAsyncPolls?: number;
}

export interface SyncInput {
  account: AccountRef;
  window: DateWindow;
  /** From a previous result's nextCursor or rate_limited.cursor; null to start. */
  cursor: string | null;
  credentials: Credentials;
  http: HttpConfig;
  options?: SyncOptions;
}

export interface SyncSuccess {
  ok: true;
  rows: NormalizedDailyRow[];
  hourly?: NormalizedHourlyRow[];
  entities: NormalizedEntities;
  /**
   * Null when the window is complete. Otherwise the work is unfinished (e.g. a Meta report
   * job still running): store the rows, then call again with this cursor. A cursor is always
   * a safe restart point: resuming from it never skips data not yet returned.
   */
  nextCursor: string | null;
  /** With a nextCursor: how soon the continuation is worth trying (a running Meta report); absent means the default. */
  retryAfterMs?: number;
  usage: UsageSignal[];
  apiCalls: number;
  /** Meta: how many of apiCalls each business use case was billed (absent: all insights). */
  useCaseCalls?: Partial<Record<MetaUseCase, number>>;
}

export interface SyncFailure {
  ok: false;
  error: ConnectorError;
  usage: UsageSignal[];
  apiCalls: number;
  useCaseCalls?: Partial<Record<MetaUseCase, number>>;
}

export type SyncResult = SyncSuccess | SyncFailure;

export interface DiscoveredAccount {
  externalId: string;
  name: string;
  currency: string;
  timeZone: string;
  /** Platform status word (Meta numeric account_status as text). */
  rawStatus: string;
  /** Google: a manager (MCC) has no metrics of its own and is never synced. */
  isManager: boolean;
  managerExternalId?: string;
}

export interface ListAccountsInput {
  credentials: Credentials;
  http: HttpConfig;
}

export type ListAccountsResult =
  | { ok: true; accounts: DiscoveredAccount[]; usage: UsageSignal[]; apiCalls: number }
  | { ok: false; error: ConnectorError; usage: UsageSignal[]; apiCalls: number };

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
}

export interface AuthorizeParams {
  /** Base of the consent dialog host (www.facebook.com, accounts.google.com, www.linkedin.com or a fake). */
  authorizeBaseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  /** Defaults to the scopes the connector needs. */
  scopes?: string[];
  /** PKCE (RFC 7636) S256 challenge; sent only by flows whose platform supports PKCE. */
  codeChallenge?: string;
}

export interface ExchangeCodeParams {
  /** Token endpoint host. */
  http: HttpConfig;
  app: OAuthApp;
  code: string;
  redirectUri: string;
  /** The PKCE verifier of the challenge the consent URL carried. */
  codeVerifier?: string;
}

export interface RevokeParams {
  http: HttpConfig;
  app: OAuthApp;
  /** The token to revoke at the platform (Google revokes the whole grant through either token). */
  token: string;
}

export type RevokeResult = { ok: true } | { ok: false; error: ConnectorError };

export interface RefreshParams {
  http: HttpConfig;
  app: OAuthApp;
  refreshToken: string;
}

/** Lifetimes are relative seconds: the caller adds them to its own clock. */
export interface OAuthTokens {
  accessToken: string;
  accessTokenExpiresInSeconds: number | null;
  refreshToken: string | null;
  /** LinkedIn: fixed 365 days from the first grant; refreshing does not extend it. */
  refreshTokenExpiresInSeconds: number | null;
  scopes: string[] | null;
}

export type OAuthResult = { ok: true; tokens: OAuthTokens; apiCalls: number } | { ok: false; error: ConnectorError; apiCalls: number };

export interface OAuthFlow {
  authorizeUrl(params: AuthorizeParams): string;
  exchangeCode(params: ExchangeCodeParams): Promise<OAuthResult>;
  /** Absent on Meta, which has no refresh tokens (the user reconnects before the 60 days run out). */
  refresh?(params: RefreshParams): Promise<OAuthResult>;
  /** Whether the consent URL carries a PKCE S256 challenge (and the code exchange its verifier). */
  pkce: boolean;
  /** Revokes the grant at the platform; absent where the platform has no revocation endpoint. */
  revoke?(params: RevokeParams): Promise<RevokeResult>;
}

export interface Connector {
  platform: Platform;
  syncWindow(input: SyncInput): Promise<SyncResult>;
  listAccounts(input: ListAccountsInput): Promise<ListAccountsResult>;
  oauth: OAuthFlow;
}
