import { bigint, char, date, index, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { adAccounts } from './connections';
import { tenants } from './identity';

/** Sums rebuilt from ad_stats_daily by our own code in the sync transaction (see DESIGN.md §3). */
const sumColumns = () => ({
  // Copied from the ad account so dashboards can total per currency without a join.
  currency: char('currency', { length: 3 }).notNull(),
  impressions: bigint('impressions', { mode: 'number' }).notNull(),
  clicks: bigint('clicks', { mode: 'number' }).notNull(),
  spendMicros: bigint('spend_micros', { mode: 'number' }).notNull(),
  conversions: numeric('conversions', { precision: 20, scale: 6, mode: 'number' }).notNull(),
  conversionValueMicros: bigint('conversion_value_micros', { mode: 'number' }).notNull(),
});

export const campaignDaily = pgTable(
  'campaign_daily',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id')
      .notNull()
      .references(() => adAccounts.id, { onDelete: 'cascade' }),
    campaignId: text('campaign_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    ...sumColumns(),
  },
  (t) => [
    primaryKey({ name: 'campaign_daily_pkey', columns: [t.tenantId, t.adAccountId, t.campaignId, t.date] }),
    index('campaign_daily_tenant_date_idx').on(t.tenantId, t.date),
  ],
);

export const accountDaily = pgTable(
  'account_daily',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id')
      .notNull()
      .references(() => adAccounts.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    ...sumColumns(),
  },
  (t) => [
    primaryKey({ name: 'account_daily_pkey', columns: [t.tenantId, t.adAccountId, t.date] }),
    index('account_daily_tenant_date_idx').on(t.tenantId, t.date),
  ],
);
