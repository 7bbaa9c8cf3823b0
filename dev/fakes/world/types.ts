/**
 * The contract between the fake world (deterministic ad-platform data) and the
 * platform fakes that serve it over HTTP. Platform fakes read from the world; they
 * never invent numbers of their own, so the ground truth the tests compare against
 * is exactly what the wire formats were rendered from.
 */

import type { Platform } from '../../../db/schema/enum-values';

// The platform vocabulary is the product's (a pure constants module, no database code): one list for both sides.
export { PLATFORMS, type Platform } from '../../../db/schema/enum-values';

/** Lifecycle every platform maps onto its own vocabulary (Meta effective_status, Google ENABLED/PAUSED/REMOVED, LinkedIn ACTIVE/PAUSED/ARCHIVED/...). */
export type EntityStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED' | 'DELETED';

/** ISO 4217 code; minor units decide the granularity of money (JPY has none). */
export type Currency = 'USD' | 'EUR' | 'GBP' | 'JPY';

export interface FakeAccount {
  platform: Platform;
  /** Native id without prefixes: Meta "1234567890123456" (wire: act_<id>), Google "1234567890" (10 digits), LinkedIn "502840441". */
  id: string;
  name: string;
  currency: Currency;
  /** IANA time zone; every date in the world is a local date in this zone. */
  timeZone: string;
  status: 'ACTIVE' | 'DISABLED';
  /** Google only: true for a manager (MCC) account, which has no metrics of its own. */
  isManager?: boolean;
  /** Google only: the manager this client customer is reached through (login-customer-id). */
  managerId?: string;
  /** First local date with any delivery. */
  createdDate: string;
}

export interface FakeCampaign {
  platform: Platform;
  id: string;
  accountId: string;
  name: string;
  status: EntityStatus;
  objective: string;
  /** Local date the campaign started delivering. */
  startDate: string;
  /** Local date after which nothing delivers (inclusive last day), if any. */
  endDate?: string;
}

/** Meta ad set / Google ad group / LinkedIn campaign group (LinkedIn's hierarchy is group > campaign > creative). */
export interface FakeAdGroup {
  platform: Platform;
  id: string;
  accountId: string;
  campaignId: string;
  name: string;
  status: EntityStatus;
}

/** Meta ad / Google ad group ad / LinkedIn creative. */
export interface FakeAd {
  platform: Platform;
  id: string;
  accountId: string;
  campaignId: string;
  adGroupId: string;
  name: string;
  status: EntityStatus;
  startDate: string;
  /** For PAUSED/ARCHIVED/DELETED ads: the local date the status changed; no delivery after it. */
  statusChangedDate?: string;
}

/** Metrics for one object and one local date (or hour). Money is integer micros in the account currency. */
export interface Metrics {
  impressions: number;
  clicks: number;
  /** Multiple of 10^(6 - minor digits): cents for USD/EUR/GBP, whole yen for JPY. */
  spendMicros: number;
  /** Conversions as the platform reports them: whole numbers on Meta and LinkedIn, up to 2 decimals on Google. */
  conversions: number;
  conversionValueMicros: number;
}

export interface DailyFact extends Metrics {
  date: string;
  adId: string;
  adGroupId: string;
  campaignId: string;
  accountId: string;
}

/** A person who can sign in to a platform's OAuth dialog and grant access to some of its accounts. */
export interface FakeMember {
  platform: Platform;
  id: string;
  name: string;
  email: string;
  /** Stable role in the demo ('demo', 'partner-a', 'partner-b'), the same on every platform and seed. */
  key?: string;
  /** Accounts this member's token can read (for Google, a manager id grants its clients through login-customer-id). */
  accountIds: string[];
}

export interface FakeClock {
  now(): Date;
  /** Jump to an instant. */
  set(at: Date): void;
  /** Move forward by milliseconds. */
  advance(ms: number): void;
  /** Fake milliseconds per real millisecond (1 = real time; 0 = frozen). */
  setSpeed(speed: number): void;
  /** The current speed (optional for hand-made clocks). */
  speed?(): number;
}

export interface World {
  readonly seed: number;
  readonly clock: FakeClock;
  accounts(platform?: Platform): FakeAccount[];
  account(platform: Platform, id: string): FakeAccount | undefined;
  members(platform: Platform): FakeMember[];
  campaigns(platform: Platform, accountId: string): FakeCampaign[];
  adGroups(platform: Platform, accountId: string): FakeAdGroup[];
  ads(platform: Platform, accountId: string): FakeAd[];
  /** The account-local date at clock.now(). */
  today(account: FakeAccount): string;
  /**
   * What the platform reports for one ad on one local date, as seen at `asOf` (default now):
   * conversions keep moving for the platform's restatement window, today grows hour by hour,
   * future dates and days before delivery return null. Deterministic from (seed, ids, date, asOf).
   */
  adDaily(platform: Platform, adId: string, date: string, asOf?: Date): Metrics | null;
  /** One local hour (0-23) of one ad; the hours of a day sum exactly to adDaily. Meta and Google only. */
  adHourly(platform: Platform, adId: string, date: string, hour: number, asOf?: Date): Metrics | null;
  /** Every ad-day with delivery in [since, until] (inclusive local dates), deleted ads included: the exact truth a sync must reproduce. */
  groundTruth(platform: Platform, accountId: string, since: string, until: string, asOf?: Date): DailyFact[];
}

/** Days a past date's conversions keep changing on each platform (Meta's is documented as 28 days). */
export const RESTATEMENT_DAYS: Record<Platform, number> = { meta: 28, google_ads: 14, linkedin: 7 };
