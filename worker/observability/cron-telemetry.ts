/**
 * What the cron adds to DataDog: the root span of each slot's trace (the message carries it to
 * the consumer), and the fleet gauges only a scheduler sees: minutes since each account last
 * synced, the dead letters waiting, and the days left on each pinned API version.
 */
import type { Platform } from '../../db/schema/enum-values';
import { apiVersionStatuses } from '../connectors/api-versions';
import type { SyncMessage } from '../jobs/messages';
import type { OpenSpan } from './spans';
import type { Telemetry } from './telemetry';

/** Opens one trace per planned slot; call `end` once the messages are enqueued. */
export function traceSlots(telemetry: Telemetry, cron: string, messages: SyncMessage[]): { messages: SyncMessage[]; end(): void } {
  if (!telemetry.enabled) return { messages, end: () => {} };
  const spans: OpenSpan[] = [];
  const traced = messages.map((message) => {
    const span = telemetry.startSpan('cron.enqueue', {
      resource: `cron ${message.lane}`,
      type: 'queue',
      meta: {
        cron,
        lane: message.lane,
        tenant: message.tenantId,
        ad_account: message.adAccountId,
        window: `${message.from}..${message.to}`,
      },
    });
    spans.push(span);
    return { ...message, trace: span.context() };
  });
  return {
    messages: traced,
    end: () => {
      for (const span of spans) span.end();
    },
  };
}

export interface FleetSnapshot {
  accounts: Array<{ tenantId: string; adAccountId: string; platform: Platform; lastSyncedAt: Date | null }>;
  deadLetterDepth: number;
}

/** The fleet gauges at `now`. Accounts that never synced (a backfill still running) have no staleness yet. */
export function recordFleetGauges(telemetry: Telemetry, snapshot: FleetSnapshot, now: Date): void {
  for (const account of snapshot.accounts) {
    if (!account.lastSyncedAt) continue;
    telemetry.gauge('tidemark.sync.stale_minutes', Math.max(0, (now.getTime() - account.lastSyncedAt.getTime()) / 60_000), {
      platform: account.platform,
      tenant: account.tenantId,
      ad_account: account.adAccountId,
    });
  }
  telemetry.gauge('tidemark.dead_letters.depth', snapshot.deadLetterDepth, {});
  for (const status of apiVersionStatuses(now)) {
    telemetry.gauge('tidemark.api_version.days_to_sunset', status.daysToSunset, { platform: status.platform, version: status.version });
  }
}
