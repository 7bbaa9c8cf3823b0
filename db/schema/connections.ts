import { sql } from 'drizzle-orm';
import { boolean, char, date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { connectionStatusEnum, platformEnum } from './enums';
import { tenants } from './identity';
import { onboardingLinks } from './onboarding';

const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An OAuth grant to one ad platform. Token columns hold ciphertexts only, never plaintext. */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    platform: platformEnum('platform').notNull(),
    externalUserId: text('external_user_id').notNull(),
    accessTokenEnc: text('access_token_enc').notNull(),
    refreshTokenEnc: text('refresh_token_enc'),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }),
    refreshExpiresAt: timestamp('refresh_expires_at', { withTimezone: true }),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    status: connectionStatusEnum('status').notNull().default('active'),
    lastError: text('last_error'),
    /** Set when the grant came through a client onboarding link: that link's page shows the grant's accounts. */
    onboardingLinkId: uuid('onboarding_link_id').references(() => onboardingLinks.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [unique('connections_tenant_platform_user_key').on(t.tenantId, t.platform, t.externalUserId)],
);

export type BackfillState = {
  cursorDate?: string;
  doneThrough?: string;
  completedAt?: string;
  error?: string;
  /** Set when a backfill is enqueued: its window and how many chunk messages it was split into. */
  from?: string;
  to?: string;
  windowsTotal?: number;
  requestedAt?: string;
};

export const adAccounts = pgTable(
  'ad_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    // Nullable so an account's history survives its connection being removed.
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
    platform: platformEnum('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    timeZone: text('time_zone').notNull(),
    // Google Ads login-customer-id when the account is reached through a manager (MCC).
    managerExternalId: text('manager_external_id'),
    // The sync gate: discovered accounts start off and sync only once picked (an unpicked account keeps its data).
    enabled: boolean('enabled').notNull().default(true),
    /** When someone last picked the account for syncing; null while it waits for a first choice. */
    selectedAt: timestamp('selected_at', { withTimezone: true }),
    backfillFrom: date('backfill_from', { mode: 'string' }),
    backfillState: jsonb('backfill_state').$type<BackfillState>().notNull().default({}),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    unique('ad_accounts_tenant_platform_external_key').on(t.tenantId, t.platform, t.externalId),
    index('ad_accounts_connection_id_idx').on(t.connectionId),
  ],
);

const entityColumns = () => ({
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  adAccountId: uuid('ad_account_id')
    .notNull()
    .references(() => adAccounts.id, { onDelete: 'cascade' }),
  externalId: text('external_id').notNull(),
  name: text('name').notNull(),
  status: text('status').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Meta campaign / Google Ads campaign / LinkedIn campaign group. */
export const campaigns = pgTable('campaigns', { id: uuid('id').primaryKey().defaultRandom(), ...entityColumns() }, (t) => [
  unique('campaigns_tenant_account_external_key').on(t.tenantId, t.adAccountId, t.externalId),
]);

/** Meta ad set / Google Ads ad group / LinkedIn campaign (LinkedIn's "campaign" sits one level below its campaign group). */
export const adGroups = pgTable(
  'ad_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...entityColumns(),
    campaignExternalId: text('campaign_external_id').notNull(),
  },
  (t) => [unique('ad_groups_tenant_account_external_key').on(t.tenantId, t.adAccountId, t.externalId)],
);

/** Meta ad / Google Ads ad (ad_group_ad) / LinkedIn creative. */
export const ads = pgTable(
  'ads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...entityColumns(),
    campaignExternalId: text('campaign_external_id').notNull(),
    adGroupExternalId: text('ad_group_external_id').notNull(),
  },
  (t) => [unique('ads_tenant_account_external_key').on(t.tenantId, t.adAccountId, t.externalId)],
);
