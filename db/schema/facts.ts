import { bigint, date, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { adAccounts } from './connections';
import { tenants } from './identity';

/**
 * Shared fact columns. Entity ids are the platform's own external ids (text) so an upsert needs
 * no entity lookup; `date` is in the ad account's time zone, money is account-currency micros.
 */
const factColumns = () => ({
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  adAccountId: uuid('ad_account_id')
    .notNull()
    .references(() => adAccounts.id, { onDelete: 'cascade' }),
  campaignId: text('campaign_id').notNull(),
  adGroupId: text('ad_group_id').notNull(),
  adId: text('ad_id').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
  clicks: bigint('clicks', { mode: 'number' }).notNull().default(0),
  spendMicros: bigint('spend_micros', { mode: 'number' }).notNull().default(0),
  conversions: numeric('conversions', { precision: 20, scale: 6, mode: 'number' }).notNull().default(0),
  conversionValueMicros: bigint('conversion_value_micros', { mode: 'number' }).notNull().default(0),
  extras: jsonb('extras').$type<Record<string, unknown>>().notNull().default({}),
  // When the row's values last changed; a re-sync with identical numbers leaves it alone.
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
});

export const adStatsDaily = pgTable('ad_stats_daily', factColumns(), (t) => [
  primaryKey({ name: 'ad_stats_daily_pkey', columns: [t.tenantId, t.adAccountId, t.adId, t.date] }),
]);

/** Hourly rows for today's pacing (Meta and Google only; LinkedIn reports daily). */
export const adStatsHourly = pgTable('ad_stats_hourly', { ...factColumns(), hour: smallint('hour').notNull() }, (t) => [
  primaryKey({ name: 'ad_stats_hourly_pkey', columns: [t.tenantId, t.adAccountId, t.adId, t.date, t.hour] }),
]);
