import { boolean, char, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { adAccounts } from './connections';
import { deferralReasonEnum, syncLaneEnum, syncOutcomeEnum } from './enums';
import { tenants } from './identity';

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id')
      .notNull()
      .references(() => adAccounts.id, { onDelete: 'cascade' }),
    lane: syncLaneEnum('lane').notNull(),
    windowFrom: date('window_from', { mode: 'string' }).notNull(),
    windowTo: date('window_to', { mode: 'string' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    // Null while the run is in progress.
    outcome: syncOutcomeEnum('outcome'),
    apiCalls: integer('api_calls').notNull().default(0),
    rows: integer('rows').notNull().default(0),
    error: text('error'),
    // Set only on a `deferred` run: which gate refused the call.
    deferralReason: deferralReasonEnum('deferral_reason'),
    // An ok run that left its window unfinished (a Meta report still running, more pages to come):
    // its rows landed, but the window is done only when a run without a continuation finishes it.
    continues: boolean('continues').notNull().default(false),
  },
  (t) => [
    index('sync_runs_tenant_started_idx').on(t.tenantId, t.startedAt),
    index('sync_runs_tenant_account_started_idx').on(t.tenantId, t.adAccountId, t.startedAt),
  ],
);

/** Daily FX rates, global (not tenant-owned): 1 `base` = `rate` `quote`. */
export const fxRates = pgTable(
  'fx_rates',
  {
    date: date('date', { mode: 'string' }).notNull(),
    base: char('base', { length: 3 }).notNull(),
    quote: char('quote', { length: 3 }).notNull(),
    rate: numeric('rate', { precision: 20, scale: 10, mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'fx_rates_pkey', columns: [t.date, t.base, t.quote] })],
);
