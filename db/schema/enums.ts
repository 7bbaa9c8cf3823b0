import { pgEnum } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  CONNECTION_STATUSES,
  DEFERRAL_REASONS,
  DOMAIN_VERIFICATION_STATUSES,
  MEMBERSHIP_ROLES,
  PLATFORMS,
  SYNC_LANES,
  SYNC_OUTCOMES,
  TENANT_STATUSES,
} from './enum-values';

export * from './enum-values';

export const platformEnum = pgEnum('platform', PLATFORMS);
export const membershipRoleEnum = pgEnum('membership_role', MEMBERSHIP_ROLES);
export const tenantStatusEnum = pgEnum('tenant_status', TENANT_STATUSES);
export const domainVerificationEnum = pgEnum('domain_verification_status', DOMAIN_VERIFICATION_STATUSES);
export const connectionStatusEnum = pgEnum('connection_status', CONNECTION_STATUSES);
export const syncLaneEnum = pgEnum('sync_lane', SYNC_LANES);
export const syncOutcomeEnum = pgEnum('sync_outcome', SYNC_OUTCOMES);
export const deferralReasonEnum = pgEnum('deferral_reason', DEFERRAL_REASONS);

/** Validators for the same vocabularies at the edges (route params, request bodies, queue messages). */
export const platformSchema = z.enum(PLATFORMS, { message: `Platform must be one of ${PLATFORMS.join(', ')}.` });
export const membershipRoleSchema = z.enum(MEMBERSHIP_ROLES);
export const connectionStatusSchema = z.enum(CONNECTION_STATUSES);
export const syncLaneSchema = z.enum(SYNC_LANES);
export const syncOutcomeSchema = z.enum(SYNC_OUTCOMES);
