/**
 * The domain's closed vocabularies, each listed once. The Postgres enums (./enums.ts), the zod
 * schemas, the connectors, the pages and the fake platforms all derive from these lists. Pure
 * values with no imports, so code that must not load drizzle (connectors, fakes, browser code)
 * can import them too.
 */

export const PLATFORMS = ['meta', 'google_ads', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Strongest first. */
export const MEMBERSHIP_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const TENANT_STATUSES = ['active', 'suspended', 'archived'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const DOMAIN_VERIFICATION_STATUSES = ['pending', 'verified', 'failed'] as const;
export type DomainVerificationStatus = (typeof DOMAIN_VERIFICATION_STATUSES)[number];

export const CONNECTION_STATUSES = ['active', 'needs_reauth', 'revoked'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** Lanes of the sync schedule: hot every 15 minutes, settling nightly, backfill on connect, manual from the operator API. */
export const SYNC_LANES = ['hot', 'settling', 'backfill', 'manual'] as const;
export type SyncLane = (typeof SYNC_LANES)[number];

/**
 * `deferred` is not a sync: our budget, the account's breaker or the app-wide quota refused the call
 * before anything reached the platform, and the slot was re-enqueued. It is neither a failure nor a
 * success, and never the account's "last sync".
 */
export const SYNC_OUTCOMES = ['ok', 'rate_limited', 'auth_failed', 'transient', 'permanent', 'deferred'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

/** Who refused a deferred run: the account's token bucket, its circuit breaker, or the app-wide quota. */
export const DEFERRAL_REASONS = ['budget', 'breaker', 'quota'] as const;
export type DeferralReason = (typeof DEFERRAL_REASONS)[number];

/** What an agency API key may do on /api/v1: `read` lists and gets, `write` may also create, change and delete. */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
