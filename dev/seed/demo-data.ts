import type { DailyStatRow } from '../../db/queries/daily-stat-rows';
import type { Platform } from '../../db/schema/enums';

/** Fixed ids make the seed idempotent: every run upserts the same rows. */
export const DEMO_AGENCY = { id: '7e1d0a00-0000-4000-8000-000000000001', name: 'Northwind Digital' } as const;

export type DemoTenant = { id: string; slug: string; name: string; reportingCurrency: string; timeZone: string };
export const DEMO_TENANTS: readonly DemoTenant[] = [
  { id: '7e1d0a00-0000-4000-8000-0000000000a1', slug: 'partner-a', name: 'Partner A', reportingCurrency: 'USD', timeZone: 'America/New_York' },
  { id: '7e1d0a00-0000-4000-8000-0000000000b1', slug: 'partner-b', name: 'Partner B', reportingCurrency: 'EUR', timeZone: 'Europe/Berlin' },
];

export type DemoLogin = {
  userId: string;
  email: string;
  name: string;
  password: string;
  description: string;
  membership: { agencyId: string; role: 'owner' } | { tenantId: string; role: 'viewer' };
};
export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    userId: '7e1d0a00-0000-4000-8000-0000000000c1', email: 'owner@northwind.example', name: 'Nora Owner',
    password: 'northwind-demo', description: 'Northwind Digital agency owner (sees every client)',
    membership: { agencyId: DEMO_AGENCY.id, role: 'owner' },
  },
  {
    userId: '7e1d0a00-0000-4000-8000-0000000000c2', email: 'viewer@partner-a.example', name: 'Alex Viewer',
    password: 'partner-a-demo', description: 'Partner A viewer (USD, America/New_York)',
    membership: { tenantId: DEMO_TENANTS[0]!.id, role: 'viewer' },
  },
  {
    userId: '7e1d0a00-0000-4000-8000-0000000000c3', email: 'viewer@partner-b.example', name: 'Berit Viewer',
    password: 'partner-b-demo', description: 'Partner B viewer (EUR, Europe/Berlin)',
    membership: { tenantId: DEMO_TENANTS[1]!.id, role: 'viewer' },
  },
];

export type DemoAdAccount = {
  id: string;
  tenantId: string;
  platform: Platform;
  externalId: string;
  name: string;
  currency: string;
  timeZone: string;
  /** Typical daily spend of one ad, in account-currency units. */
  dailySpendPerAd: number;
};
export const DEMO_AD_ACCOUNTS: readonly DemoAdAccount[] = [
  { id: '7e1d0a00-0000-4000-8000-0000000000d1', tenantId: DEMO_TENANTS[0]!.id, platform: 'meta', externalId: '2384710093381021', name: 'Northwind Outfitters US', currency: 'USD', timeZone: 'America/New_York', dailySpendPerAd: 45 },
  { id: '7e1d0a00-0000-4000-8000-0000000000d2', tenantId: DEMO_TENANTS[0]!.id, platform: 'google_ads', externalId: '4817203951', name: 'Northwind Outfitters Search', currency: 'USD', timeZone: 'America/New_York', dailySpendPerAd: 60 },
  { id: '7e1d0a00-0000-4000-8000-0000000000d3', tenantId: DEMO_TENANTS[1]!.id, platform: 'google_ads', externalId: '7302918846', name: 'Berliner Möbelhaus Suche', currency: 'EUR', timeZone: 'Europe/Berlin', dailySpendPerAd: 38 },
  { id: '7e1d0a00-0000-4000-8000-0000000000d4', tenantId: DEMO_TENANTS[1]!.id, platform: 'linkedin', externalId: '508123477', name: 'Berliner Möbelhaus Business', currency: 'EUR', timeZone: 'Europe/Berlin', dailySpendPerAd: 72 },
];

export const DEMO_HISTORY_DAYS = 42;

export type DemoEntities = {
  campaigns: Array<{ externalId: string; name: string; status: string }>;
  adGroups: Array<{ externalId: string; name: string; status: string; campaignExternalId: string }>;
  ads: Array<{ externalId: string; name: string; status: string; campaignExternalId: string; adGroupExternalId: string }>;
};

const CAMPAIGN_NAMES = ['Prospecting', 'Retargeting'];

/** Two campaigns × two ad groups × two ads per account, with ids derived from the account's. */
export function demoEntities(account: DemoAdAccount): DemoEntities {
  const entities: DemoEntities = { campaigns: [], adGroups: [], ads: [] };
  CAMPAIGN_NAMES.forEach((campaignName, c) => {
    const campaignId = `${account.externalId}${c + 1}`;
    entities.campaigns.push({ externalId: campaignId, name: `${account.name} – ${campaignName}`, status: 'ACTIVE' });
    for (let g = 1; g <= 2; g++) {
      const adGroupId = `${campaignId}${g}`;
      entities.adGroups.push({ externalId: adGroupId, name: `${campaignName} group ${g}`, status: 'ACTIVE', campaignExternalId: campaignId });
      for (let a = 1; a <= 2; a++) {
        entities.ads.push({
          externalId: `${adGroupId}${a}`, name: `${campaignName} ad ${g}.${a}`, status: 'ACTIVE',
          campaignExternalId: campaignId, adGroupExternalId: adGroupId,
        });
      }
    }
  });
  return entities;
}

/** FNV-1a: a stable 32-bit hash, so the same ad and date always get the same numbers. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A number in [0, 1) determined by the key. */
function unit(key: string): number {
  return hash32(key) / 2 ** 32;
}

/** YYYY-MM-DD dates from `count - 1` days before `lastDate` through `lastDate`. */
export function dateRangeEndingOn(lastDate: string, count: number): string[] {
  const end = Date.parse(`${lastDate}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** Today's date in a time zone (platforms report in the ad account's zone). */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Deterministic daily facts per ad: weekday rhythm, a per-ad scale, and day-to-day noise. */
export function demoStatRows(account: DemoAdAccount, dates: readonly string[]): DailyStatRow[] {
  const { ads } = demoEntities(account);
  const rows: DailyStatRow[] = [];
  for (const date of dates) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekdayFactor = weekday === 0 || weekday === 6 ? 0.7 : 1.05;
    for (const ad of ads) {
      const adScale = 0.6 + 0.8 * unit(`scale:${ad.externalId}`);
      const noise = 0.8 + 0.4 * unit(`noise:${ad.externalId}:${date}`);
      const spend = account.dailySpendPerAd * adScale * weekdayFactor * noise;
      const cpm = 6 + 8 * unit(`cpm:${ad.externalId}`);
      const impressions = Math.round((spend / cpm) * 1000);
      const clicks = Math.round(impressions * (0.008 + 0.012 * unit(`ctr:${ad.externalId}:${date}`)));
      const conversions = Math.round(clicks * 0.04 * (0.5 + unit(`cvr:${ad.externalId}:${date}`)) * 100) / 100;
      rows.push({
        campaignId: ad.campaignExternalId,
        adGroupId: ad.adGroupExternalId,
        adId: ad.externalId,
        date,
        impressions,
        clicks,
        // Whole cents, like the platforms report.
        spendMicros: Math.round(spend * 100) * 10_000,
        conversions,
        conversionValueMicros: Math.round(conversions * 85 * 100) * 10_000,
      });
    }
  }
  return rows;
}
