import { sql } from 'drizzle-orm';
import { bigint, char, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { type ApiKeyScope, domainVerificationEnum, membershipRoleEnum, tenantStatusEnum } from './enums';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export type TenantBranding = {
  logoUrl?: string;
  primaryColor?: string;
  accentColor?: string;
  displayName?: string;
  faviconUrl?: string;
  /** SHA-256 (hex) of the kept copy of the logo / favicon in tenant_assets: the pages show /brand/<tenant>/<kind>/<sha256>. */
  logoSha256?: string;
  faviconSha256?: string;
};

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    reportingCurrency: char('reporting_currency', { length: 3 }).notNull().default('USD'),
    timeZone: text('time_zone').notNull().default('UTC'),
    branding: jsonb('branding').$type<TenantBranding>().notNull().default({}),
    status: tenantStatusEnum('status').notNull().default('active'),
    // Bumped by every sync commit; part of every dashboard cache key.
    dataVersion: bigint('data_version', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('tenants_agency_id_idx').on(t.agencyId),
    check('tenants_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check('tenants_reporting_currency_format', sql`${t.reportingCurrency} ~ '^[A-Z]{3}$'`),
  ],
);

export const tenantDomains = pgTable(
  'tenant_domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    hostname: text('hostname').notNull().unique(),
    verificationStatus: domainVerificationEnum('verification_status').notNull().default('pending'),
    cloudflareId: text('cloudflare_id'),
    /** The DNS records the client must create, as Cloudflare last gave them (worker/domains/status.ts). */
    dnsRecords: jsonb('dns_records').$type<Array<{ type: string; name: string; value: string; purpose: string }>>().notNull().default([]),
    /** Cloudflare's reasons the hostname is not verified yet (or failed); empty once verified. */
    problems: jsonb('problems').$type<string[]>().notNull().default([]),
    /** When Cloudflare was last asked; the cron checks pending hostnames oldest first. */
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('tenant_domains_tenant_id_idx').on(t.tenantId),
    check('tenant_domains_hostname_lowercase', sql`${t.hostname} = lower(${t.hostname})`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    role: membershipRoleEnum('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('memberships_exactly_one_scope', sql`num_nonnulls(${t.tenantId}, ${t.agencyId}) = 1`),
    uniqueIndex('memberships_user_tenant_idx').on(t.userId, t.tenantId).where(sql`${t.tenantId} is not null`),
    uniqueIndex('memberships_user_agency_idx').on(t.userId, t.agencyId).where(sql`${t.agencyId} is not null`),
    index('memberships_tenant_id_idx').on(t.tenantId),
    index('memberships_agency_id_idx').on(t.agencyId),
  ],
);

/** `id` is the SHA-256 hex of the session token; the token itself is never stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The key's first characters (`tmk_live_` plus 12 of its random part): shown in lists, and how a presented key finds its row. */
    prefix: text('prefix').notNull(),
    /** SHA-256 hex of the whole key; the key itself is shown once, at creation, and never stored. */
    keyHash: text('key_hash').notNull().unique(),
    scope: text('scope').$type<ApiKeyScope>().notNull().default('read'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('api_keys_agency_id_idx').on(t.agencyId),
    index('api_keys_prefix_idx').on(t.prefix),
    check('api_keys_scope_values', sql`${t.scope} in ('read', 'write')`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_tenant_id_at_idx').on(t.tenantId, t.at), index('audit_log_agency_id_at_idx').on(t.agencyId, t.at)],
);

/** Login throttling counters, keyed like 'email:someone@example.com' or 'ip:203.0.113.9'. */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
