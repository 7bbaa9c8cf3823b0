import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { platformEnum } from './enums';
import { tenants } from './identity';

/**
 * A client onboarding link: whoever holds its token may connect the allowed platforms to the tenant,
 * pick ad accounts and watch their backfill, without a login. Only the token's SHA-256 is stored.
 */
export const onboardingLinks = pgTable(
  'onboarding_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    platforms: platformEnum('platforms').array().notNull(),
    /** The product's own origin the link was created on: the OAuth redirect URI registered with the platforms lives there. */
    appOrigin: text('app_origin').notNull(),
    /** Who created it, as the audit log names actors (`api_key:<id>`). */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('onboarding_links_tenant_id_idx').on(t.tenantId),
    check('onboarding_links_token_hash_format', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
