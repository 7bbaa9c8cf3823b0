/**
 * The one place each connector's API version is pinned, with the date the platform stops serving
 * it (../shared/AD-APIS.md §0). An upgrade is planned from here: the health page and the
 * `tidemark.api_version.days_to_sunset` monitor warn 60 days ahead, and a unit test fails 30 days ahead.
 * Pure values and date maths, no imports beyond the platform list, so connectors and fakes can read it.
 */
import type { Platform } from '../../db/schema/enum-values';

export interface PinnedApiVersion {
  version: string;
  /** First day (UTC) the platform no longer serves the version. */
  sunset: string;
  /** Where the date comes from. */
  source: string;
}

export const API_VERSIONS = {
  meta: {
    version: 'v23.0',
    // UNCERTAIN in AD-APIS.md: Meta publishes no date until a version nears its end. Its documented
    // policy (developers.facebook.com/docs/graph-api/changelog/versions) keeps a version for at
    // least two years after release; v23.0 was released 2025-05-29, so we plan for 2027-05-29.
    sunset: '2027-05-29',
    source: 'Meta versioning policy: two years after the v23.0 release (2025-05-29); date not yet published',
  },
  google_ads: {
    version: 'v24',
    // UNCERTAIN in AD-APIS.md: no v24 date listed yet. Google's policy (developers.google.com/google-ads/api/docs/sunset-dates)
    // serves a major for about 12 months; v20-v22 sunset 12 months after their releases. v24 followed
    // v23 (January 2026) in spring 2026, so we plan for the earliest plausible date, 2027-04-01.
    sunset: '2027-04-01',
    source: 'Google Ads policy: a major lives about 12 months; v24 released spring 2026; date not yet published',
  },
  linkedin: {
    version: '202603',
    sunset: '2027-03-16',
    source: 'learn.microsoft.com/en-us/linkedin/marketing/versioning (published: 202603 sunsets 2027-03-16)',
  },
} as const satisfies Record<Platform, PinnedApiVersion>;

/** Days before a sunset when the health page and the monitor start to warn. */
export const SUNSET_WARN_DAYS = 60;
/** Days before a sunset when the unit test (and the status) turn critical: the upgrade is overdue. */
export const SUNSET_CRITICAL_DAYS = 30;

export type SunsetLevel = 'ok' | 'warn' | 'critical';

export interface SunsetStatus {
  platform: Platform;
  version: string;
  sunset: string;
  daysToSunset: number;
  level: SunsetLevel;
}

const DAY_MS = 86_400_000;

/** Whole days from `today` (UTC date) to `sunset`; negative once the version is gone. */
export function daysUntil(sunset: string, today: Date): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((Date.parse(`${sunset}T00:00:00Z`) - start) / DAY_MS);
}

/** ok, warn (at most 60 days left) or critical (at most 30 days left, or already sunset). Pure. */
export function sunsetStatus(pinned: PinnedApiVersion, today: Date): Omit<SunsetStatus, 'platform'> {
  const daysToSunset = daysUntil(pinned.sunset, today);
  const level: SunsetLevel = daysToSunset <= SUNSET_CRITICAL_DAYS ? 'critical' : daysToSunset <= SUNSET_WARN_DAYS ? 'warn' : 'ok';
  return { version: pinned.version, sunset: pinned.sunset, daysToSunset, level };
}

/** Every pinned version's status on `today`, for the pipeline-health page and the cron gauge. */
export function apiVersionStatuses(today: Date): SunsetStatus[] {
  return (Object.keys(API_VERSIONS) as Platform[]).map((platform) => ({ platform, ...sunsetStatus(API_VERSIONS[platform], today) }));
}
