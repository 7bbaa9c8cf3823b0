import { PLATFORMS, type Platform } from '../../db/schema/enum-values';

export const DEFAULT_LINK_DAYS = 7;
export const MAX_LINK_DAYS = 30;
export const ONBOARD_PATH = '/onboard/';

/** Tokens are 32 random bytes as base64url: 43 characters. Anything else is not a token of ours. */
export const ONBOARDING_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** When a link made at `now` for `days` (default 7, at most 30) stops working: wall-clock time, like sessions, not the pipeline's clock. */
export function linkExpiry(now: Date, days = DEFAULT_LINK_DAYS): Date {
  return new Date(now.getTime() + Math.min(Math.max(days, 1), MAX_LINK_DAYS) * 86_400_000);
}

/** The allowed platforms in a stable order, all three when none are named. */
export function linkPlatforms(platforms: readonly Platform[] | undefined): Platform[] {
  if (!platforms?.length) return [...PLATFORMS];
  return PLATFORMS.filter((p) => platforms.includes(p));
}

/**
 * Where the link opens: on the tenant's verified custom hostname when it has one (https, the
 * product's scheme and port otherwise the same), else on the product's own origin.
 */
export function onboardingUrl(appOrigin: string, verifiedHostname: string | null, token: string): string {
  const url = new URL(`${ONBOARD_PATH}${token}`, appOrigin);
  if (verifiedHostname) url.hostname = verifiedHostname;
  return url.toString();
}

export type LinkState = 'usable' | 'expired' | 'revoked';

export function linkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): LinkState {
  if (link.revokedAt) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'usable';
}
