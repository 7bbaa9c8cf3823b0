import { pgEnum } from 'drizzle-orm/pg-core';

export const platformEnum = pgEnum('platform', ['meta', 'google_ads', 'linkedin']);
export const membershipRoleEnum = pgEnum('membership_role', ['owner', 'admin', 'editor', 'viewer']);
export const tenantStatusEnum = pgEnum('tenant_status', ['active', 'suspended', 'archived']);
export const domainVerificationEnum = pgEnum('domain_verification_status', ['pending', 'verified', 'failed']);
export const connectionStatusEnum = pgEnum('connection_status', ['active', 'needs_reauth', 'revoked']);
export const syncLaneEnum = pgEnum('sync_lane', ['hot', 'settling', 'backfill', 'manual']);
export const syncOutcomeEnum = pgEnum('sync_outcome', ['ok', 'rate_limited', 'auth_failed', 'transient', 'permanent']);

export type Platform = (typeof platformEnum.enumValues)[number];
export type MembershipRole = (typeof membershipRoleEnum.enumValues)[number];
export type SyncLane = (typeof syncLaneEnum.enumValues)[number];
export type SyncOutcome = (typeof syncOutcomeEnum.enumValues)[number];
