/**
 * Call reduction, measured: the naive per-campaign, per-day connectors (test/bench/naive/) re-read
 * the windows the pipeline synced in this run, against a twin of the fakes (the same seed, fleet
 * and anchor date, so the same campaigns) whose clock is frozen at the end of the run and whose
 * limits are lifted. Their calls are counted by the twin's call ledger (cross-checked with the
 * clients' own counts); a window our pipeline read N times counts N times.
 */
import type { Platform } from '../../../db/schema/enum-values';
import { type FakeServer, PLATFORM_PREFIXES } from '../../../dev/fakes/server';
import { fleetMemberKey } from '../../../dev/fakes/world/accounts';
import type { SyncInput } from '../../../worker/connectors/types';
import { naiveGoogleAdsSync } from '../naive/google-ads';
import { naiveLinkedInSync } from '../naive/linkedin';
import { naiveMetaSync } from '../naive/meta';
import type { NaiveResult } from '../naive/result';
import { connectPlatform, liftRateLimits } from '../support/fake-platforms';
import type { NaiveWindow } from '../support/fleet-metrics';
import type { StoredAccount } from './records';

const NAIVE: Record<Platform, (input: SyncInput) => Promise<NaiveResult>> = {
  meta: naiveMetaSync,
  google_ads: naiveGoogleAdsSync,
  linkedin: naiveLinkedInSync,
};
const CONCURRENCY = 4;

export async function naiveCalls(
  twin: FakeServer,
  endMs: number,
  windows: readonly NaiveWindow[],
  accounts: ReadonlyMap<string, StoredAccount & { tenantNumber: number }>,
): Promise<Map<Platform, number>> {
  liftRateLimits(twin);
  twin.ctx.world.clock.set(new Date(endMs));
  const tokens = new Map<string, string>();
  const tokenFor = async (platform: Platform, tenantNumber: number) => {
    const key = `${platform}|${tenantNumber}`;
    if (!tokens.has(key)) {
      const chosen = await fetch(`${twin.url}/_control/oauth/${platform}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ memberId: fleetMemberKey(tenantNumber), autoApprove: true }),
      });
      if (!chosen.ok) throw new Error(`naive twin: choosing the member failed: ${chosen.status}`);
      tokens.set(key, (await connectPlatform(twin, platform)).accessToken);
    }
    return tokens.get(key)!;
  };
  // Connecting the twin (consent, token, account discovery) is not the naive connector's work: done first, then counting starts.
  for (const window of windows) {
    const account = accounts.get(window.adAccountId)!;
    await tokenFor(account.platform, account.tenantNumber);
  }
  const totals = new Map<Platform, number>();
  const clientCounted = new Map<Platform, number>();
  const recorded = new Map<string, number>();
  const stopCounting = twin.ctx.calls.observe((call) => recorded.set(call.service, (recorded.get(call.service) ?? 0) + 1));
  let next = 0;
  const worker = async () => {
    while (next < windows.length) {
      const window = windows[next++]!;
      const account = accounts.get(window.adAccountId)!;
      const accessToken = await tokenFor(account.platform, account.tenantNumber);
      const result = await NAIVE[account.platform]({
        account: {
          externalId: account.externalId,
          currency: account.currency,
          timeZone: account.timeZone,
          ...(account.managerExternalId ? { managerExternalId: account.managerExternalId } : {}),
        },
        window: { from: window.from, to: window.to },
        cursor: null,
        credentials: { accessToken },
        http: { fetch, baseUrl: `${twin.url}${PLATFORM_PREFIXES[account.platform]}` },
        options: { includeEntities: false, maxAsyncPolls: 20 },
      });
      totals.set(account.platform, (totals.get(account.platform) ?? 0) + result.apiCalls * window.times);
      clientCounted.set(account.platform, (clientCounted.get(account.platform) ?? 0) + result.apiCalls);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker)).finally(stopCounting);
  for (const [platform, counted] of clientCounted) {
    const ledger = recorded.get(platform) ?? 0;
    if (ledger !== counted) throw new Error(`naive ${platform}: the fake recorded ${ledger} calls, the clients counted ${counted}`);
  }
  return totals;
}
