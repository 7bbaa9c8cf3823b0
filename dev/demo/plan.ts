import type { Platform } from './app-client';

export interface DemoConnection {
  tenantSlug: string;
  platform: Platform;
  /** The fake platform member who signs in on the consent dialog ('partner-a' sees only Partner A's accounts). */
  memberKey: string;
}

/**
 * DESIGN §7: Partner A runs Google + Meta, Partner B Google + LinkedIn. This is the small cast (one
 * ad account per grant), quick to backfill: what the e2e tests and the WebSocket bench connect.
 */
export const DEMO_CONNECTIONS: readonly DemoConnection[] = [
  { tenantSlug: 'partner-a', platform: 'google_ads', memberKey: 'partner-a' },
  { tenantSlug: 'partner-a', platform: 'meta', memberKey: 'partner-a' },
  { tenantSlug: 'partner-b', platform: 'google_ads', memberKey: 'partner-b' },
  { tenantSlug: 'partner-b', platform: 'linkedin', memberKey: 'partner-b' },
];

/**
 * What `npm run dev` connects: the same platforms, signed in as the tenants' marketing leads of the
 * fakes' showcase roster (dev/fakes/world/showcase.ts, fakes started with `showcase: true`), three ad
 * accounts per grant and tens of campaigns per tenant.
 */
export const SHOWCASE_CONNECTIONS: readonly DemoConnection[] = DEMO_CONNECTIONS.map((c) => ({
  ...c,
  memberKey: c.tenantSlug === 'partner-a' ? 'showcase-a' : 'showcase-b',
}));

/** History the demo backfills on connect: long enough for the 90-day preset. */
export const DEMO_BACKFILL_DAYS = 90;

export const PLATFORM_LABELS: Record<Platform, string> = { google_ads: 'Google Ads', meta: 'Meta', linkedin: 'LinkedIn' };
