/** The GAQL queries the connector sends (pure; one place to read what is asked for). */
import type { DateWindow } from '../../lib/dates';

const AD_LEVEL_FIELDS = [
  'campaign.id',
  'campaign.name',
  'campaign.status',
  'ad_group.id',
  'ad_group.name',
  'ad_group.status',
  'ad_group_ad.ad.id',
  'ad_group_ad.ad.name',
  'ad_group_ad.status',
  'segments.date',
  'metrics.impressions',
  'metrics.clicks',
  'metrics.cost_micros',
  'metrics.conversions',
  'metrics.conversions_value',
];

/** One row per ad and day (per hour with `hourly`) over the window; REMOVED ads included so their spend stays. */
export function adPerformanceQuery(window: DateWindow, options: { hourly?: boolean } = {}): string {
  const fields = options.hourly ? [...AD_LEVEL_FIELDS, 'segments.hour'] : AD_LEVEL_FIELDS;
  return `SELECT ${fields.join(', ')} FROM ad_group_ad WHERE segments.date BETWEEN '${window.from}' AND '${window.to}'`;
}

/** The customer itself (level 0) and, for a manager, every account below it. */
export const CUSTOMER_CLIENT_QUERY =
  'SELECT customer_client.client_customer, customer_client.level, customer_client.id, customer_client.manager, ' +
  'customer_client.descriptive_name, customer_client.currency_code, customer_client.time_zone, customer_client.status ' +
  'FROM customer_client';
