import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { membershipRoleEnum } from './enums';
import { agencies, tenants, users } from './identity';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * An invitation to an agency or to one tenant (exactly one). The emailed link carries a random token;
 * only its SHA-256 is stored. Pending while neither accepted nor revoked and before `expires_at`;
 * one pending invitation per email and scope (a re-invite revokes the older link first).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: membershipRoleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** Null when an API key sent it (the audit entry names the key). */
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByUserId: uuid('accepted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('invitations_exactly_one_scope', sql`num_nonnulls(${t.tenantId}, ${t.agencyId}) = 1`),
    check('invitations_email_lowercase', sql`${t.email} = lower(${t.email})`),
    uniqueIndex('invitations_pending_tenant_email_idx')
      .on(t.tenantId, t.email)
      .where(sql`${t.tenantId} is not null and ${t.acceptedAt} is null and ${t.revokedAt} is null`),
    uniqueIndex('invitations_pending_agency_email_idx')
      .on(t.agencyId, t.email)
      .where(sql`${t.agencyId} is not null and ${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index('invitations_tenant_id_idx').on(t.tenantId),
    index('invitations_agency_id_idx').on(t.agencyId),
  ],
);

/** A password-reset link: only the token's SHA-256 is stored; single use, one hour. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_id_idx').on(t.userId)],
);
