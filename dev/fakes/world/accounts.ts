import type { Currency, Platform } from './types';

/** The fixed cast of ad accounts; ids come from the seed, everything else is fixed so demos read the same every time. */
export interface AccountSpec {
  platform: Platform;
  key: string;
  name: string;
  currency: Currency;
  timeZone: string;
  /** How many days of history before the world's anchor date. */
  historyDays: number;
  isManager?: boolean;
  /** Key of the manager account this client sits under. */
  managerKey?: string;
  /** Which members may see it: the demo tenants' ('demo' sees every fixed account) or one fleet member's key. */
  groups: string[];
  /** Campaigns in the account, chosen from the seed in this range; 2-4 (small enough to read in a test) unless given. */
  campaigns?: CampaignRange;
}

export interface CampaignRange {
  min: number;
  max: number;
}

/** Extra members for fleet-scale runs (the sync benchmark): each consents to its own ad accounts on every platform. */
export interface FleetSpec {
  members: number;
  accountsPerMember: number;
  /** Campaigns per fleet account (an agency's accounts run more than the demo's 2-4). */
  campaignsPerAccount?: CampaignRange;
}

const FLEET_LOOKS: ReadonlyArray<Pick<AccountSpec, 'currency' | 'timeZone'>> = [
  { currency: 'USD', timeZone: 'America/New_York' },
  { currency: 'EUR', timeZone: 'Europe/Berlin' },
  { currency: 'GBP', timeZone: 'Europe/London' },
  { currency: 'USD', timeZone: 'America/Los_Angeles' },
  { currency: 'JPY', timeZone: 'Asia/Tokyo' },
];

/** Key of the n-th fleet member (1-based), e.g. 'fleet-007'. */
export function fleetMemberKey(n: number): string {
  return `fleet-${String(n).padStart(3, '0')}`;
}

/**
 * The fleet's accounts: per member and platform, `accountsPerMember` direct accounts (no Google
 * manager) with 400 days of history, so a 365-day backfill finds delivery on every day.
 */
export function fleetAccountSpecs(fleet: FleetSpec | undefined): AccountSpec[] {
  if (!fleet) return [];
  const specs: AccountSpec[] = [];
  for (let m = 1; m <= fleet.members; m++) {
    const member = fleetMemberKey(m);
    for (const platform of ['meta', 'google_ads', 'linkedin'] as const) {
      for (let a = 1; a <= fleet.accountsPerMember; a++) {
        const look = FLEET_LOOKS[(m + a) % FLEET_LOOKS.length]!;
        specs.push({
          platform,
          key: `${member}-${platform}-${a}`,
          name: `Fleet ${String(m).padStart(3, '0')} ${platform} ${a}`,
          ...look,
          historyDays: 400,
          groups: [member],
          ...(fleet.campaignsPerAccount ? { campaigns: fleet.campaignsPerAccount } : {}),
        });
      }
    }
  }
  return specs;
}

export const ACCOUNT_SPECS: readonly AccountSpec[] = [
  // ~40 months so Meta's 37-month insights retention is reachable.
  {
    platform: 'meta',
    key: 'meta-us',
    name: 'Northwind Outfitters US',
    currency: 'USD',
    timeZone: 'America/New_York',
    historyDays: 1220,
    groups: ['partner-a'],
  },
  {
    platform: 'meta',
    key: 'meta-de',
    name: 'Berliner Möbelhaus',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    historyDays: 430,
    groups: ['partner-b'],
  },
  {
    platform: 'meta',
    key: 'meta-jp',
    name: 'Sakura Cosmetics Japan',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    historyDays: 240,
    groups: [],
  },
  {
    platform: 'google_ads',
    key: 'google-mcc',
    name: 'Tidemark Demo Manager',
    currency: 'USD',
    timeZone: 'America/New_York',
    historyDays: 800,
    isManager: true,
    groups: [],
  },
  {
    platform: 'google_ads',
    key: 'google-us',
    name: 'Northwind Outfitters Search',
    currency: 'USD',
    timeZone: 'America/New_York',
    historyDays: 800,
    managerKey: 'google-mcc',
    groups: ['partner-a'],
  },
  {
    platform: 'google_ads',
    key: 'google-uk',
    name: 'Thames Outdoor UK',
    currency: 'GBP',
    timeZone: 'Europe/London',
    historyDays: 365,
    managerKey: 'google-mcc',
    groups: [],
  },
  {
    platform: 'google_ads',
    key: 'google-de',
    name: 'Berliner Möbelhaus Suche',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    historyDays: 500,
    managerKey: 'google-mcc',
    groups: ['partner-b'],
  },
  {
    platform: 'google_ads',
    key: 'google-jp',
    name: 'Sakura Cosmetics Search',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    historyDays: 200,
    groups: [],
  },
  {
    platform: 'linkedin',
    key: 'linkedin-us',
    name: 'Northwind B2B',
    currency: 'USD',
    timeZone: 'America/New_York',
    historyDays: 300,
    groups: ['partner-a'],
  },
  {
    platform: 'linkedin',
    key: 'linkedin-de',
    name: 'Berliner Möbelhaus Business',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    historyDays: 300,
    groups: ['partner-b'],
  },
];

export const ACCOUNT_ID_DIGITS: Record<Platform, number> = { meta: 16, google_ads: 10, linkedin: 9 };
/** Campaign / ad group / ad id lengths as the platforms show them. */
export const ENTITY_ID_DIGITS: Record<Platform, { campaign: number; adGroup: number; ad: number }> = {
  meta: { campaign: 18, adGroup: 18, ad: 18 },
  google_ads: { campaign: 11, adGroup: 12, ad: 12 },
  linkedin: { campaign: 9, adGroup: 9, ad: 9 },
};

export const OBJECTIVES: Record<Platform, readonly string[]> = {
  meta: ['OUTCOME_SALES', 'OUTCOME_TRAFFIC', 'OUTCOME_LEADS', 'OUTCOME_AWARENESS'],
  google_ads: ['SEARCH', 'DISPLAY', 'PERFORMANCE_MAX', 'VIDEO'],
  linkedin: ['WEBSITE_CONVERSION', 'LEAD_GENERATION', 'BRAND_AWARENESS', 'WEBSITE_VISIT'],
};

export const MINOR_DIGITS: Record<Currency, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };

/** Rough price level per currency, relative to USD (JPY has no minor unit, so prices are whole yen). */
export const PRICE_LEVEL: Record<Currency, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150 };
