import type { Platform } from './app-client';

export interface DemoConnection {
  tenantSlug: string;
  platform: Platform;
  /** The fake platform member who signs in on the consent dialog ('partner-a' sees only Partner A's accounts). */
  memberKey: string;
}

/** DESIGN §7: Partner A runs Google + Meta, Partner B Google + LinkedIn. */
export const DEMO_CONNECTIONS: readonly DemoConnection[] = [
  { tenantSlug: 'partner-a', platform: 'google_ads', memberKey: 'partner-a' },
  { tenantSlug: 'partner-a', platform: 'meta', memberKey: 'partner-a' },
  { tenantSlug: 'partner-b', platform: 'google_ads', memberKey: 'partner-b' },
  { tenantSlug: 'partner-b', platform: 'linkedin', memberKey: 'partner-b' },
];

/** History the demo backfills on connect: long enough for the 90-day preset. */
export const DEMO_BACKFILL_DAYS = 90;

export const PLATFORM_LABELS: Record<Platform, string> = { google_ads: 'Google Ads', meta: 'Meta', linkedin: 'LinkedIn' };
