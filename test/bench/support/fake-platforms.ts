/** The platform fakes for the call-economy benchmark: started on a free port, connected through the real OAuth flow. */

import type { Platform } from '../../../db/schema/enum-values';
import { PLATFORM_PREFIXES } from '../../../dev/fakes/server';
import type { startFakes } from '../../../dev/fakes/testing';
import { getConnector } from '../../../worker/connectors/registry';
import { consentCode, FAKE_APP, FAKE_REDIRECT_URI } from '../../../worker/connectors/testing/contract';
import type { DiscoveredAccount } from '../../../worker/connectors/types';

export type Fakes = Awaited<ReturnType<typeof startFakes>>;
export type ConnectedPlatform = { platform: Platform; baseUrl: string; accessToken: string; accounts: DiscoveredAccount[] };

/**
 * Every call is counted, none refused: with the clock frozen no hourly or per-second budget ever
 * recovers, and the naive clients would be throttled long before they finish.
 */
export function liftRateLimits(fakes: Fakes): void {
  const { regimes } = fakes.ctx;
  regimes.meta = { tier: 'full', appCallsPerHour: 1_000_000_000, accountCallsPerHourOverride: 1_000_000_000 };
  regimes.google_ads = { accessLevel: 'standard', dailyOperations: 1_000_000_000, qpsPerCustomer: 1_000_000_000 };
  regimes.linkedin = { dailyAppLimit: 1_000_000_000, dailyMemberLimit: 1_000_000_000 };
}

/** Consent dialog → code exchange → account discovery, like a user connecting the platform; managers are dropped. */
export async function connectPlatform(fakes: Fakes, platform: Platform): Promise<ConnectedPlatform> {
  const connector = getConnector(platform);
  const baseUrl = `${fakes.url}${PLATFORM_PREFIXES[platform]}`;
  const http = { fetch, baseUrl };
  const code = await consentCode(connector.oauth.authorizeUrl, baseUrl);
  const exchanged = await connector.oauth.exchangeCode({ http, app: FAKE_APP, code, redirectUri: FAKE_REDIRECT_URI });
  if (!exchanged.ok) throw new Error(`${platform} OAuth failed: ${exchanged.error.message}`);
  const accessToken = exchanged.tokens.accessToken;
  const listed = await connector.listAccounts({ credentials: { accessToken }, http });
  if (!listed.ok) throw new Error(`${platform} listAccounts failed: ${listed.error.message}`);
  return { platform, baseUrl, accessToken, accounts: listed.accounts.filter((a) => !a.isManager) };
}

/** Calls the fake's ledger recorded for `platform` while `fn` ran, and fn's own count for a cross-check. */
export async function countCalls<T extends { apiCalls: number }>(
  fakes: Fakes,
  platform: Platform,
  fn: () => Promise<T>,
): Promise<{ value: T; ledgerCalls: number }> {
  fakes.ctx.calls.reset();
  const value = await fn();
  const ledgerCalls = fakes.ctx.calls.list({ service: platform }).length;
  if (ledgerCalls !== value.apiCalls)
    throw new Error(`${platform}: the fake recorded ${ledgerCalls} calls, the client counted ${value.apiCalls}`);
  return { value, ledgerCalls };
}
