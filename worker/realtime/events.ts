import type { Platform } from '../../db/schema/enum-values';

/** Events a tenant's dashboards receive over the TenantHub WebSocket. */
export type HubEventBody =
  | {
      /** New numbers landed: which ad accounts (and their platforms), which local dates, and the tenant's data version after the commit. */
      type: 'metrics-updated';
      adAccountIds: string[];
      platforms: Platform[];
      from: string;
      to: string;
      dataVersion: number;
    }
  | {
      type: 'sync-progress';
      adAccountId: string;
      windowsDone: number;
      windowsTotal: number;
      rows: number;
    };

export type HubEvent = HubEventBody & { seq: number; at: string };

/** Messages the server sends to a socket. */
export type HubMessage =
  | { type: 'hello'; tenant: string; seq: number }
  | { type: 'reload'; reason: 'resume-too-old'; seq: number }
  | HubEvent;

/** How many events the hub keeps for resume; older clients get a reload hint. */
export const EVENT_LOG_LIMIT = 500;

/**
 * What a (re)connecting client needs, given the last sequence it saw and the oldest and
 * newest sequence still in the log. `since` null means a fresh connection: nothing to replay.
 */
export function planResume(
  since: number | null,
  log: { oldest: number | null; newest: number },
): { kind: 'none' } | { kind: 'replay'; after: number } | { kind: 'reload' } {
  if (since === null || since >= log.newest) return { kind: 'none' };
  if (since < 0) return { kind: 'reload' };
  // The client missed (since, newest]; the log must still hold since+1.
  if (log.oldest === null || log.oldest > since + 1) return { kind: 'reload' };
  return { kind: 'replay', after: since };
}

/**
 * Merges bursts of metrics-updated events (syncs landing together) into one per burst, so a
 * dashboard refetches once. Other events pass through in order.
 */
export function coalesceEvents(events: HubEventBody[]): HubEventBody[] {
  const out: HubEventBody[] = [];
  let merged: Extract<HubEventBody, { type: 'metrics-updated' }> | null = null;
  for (const event of events) {
    if (event.type !== 'metrics-updated') {
      out.push(event);
      continue;
    }
    if (!merged) {
      merged = { ...event, adAccountIds: [...event.adAccountIds], platforms: [...event.platforms] };
      out.push(merged);
      continue;
    }
    merged.adAccountIds = [...new Set([...merged.adAccountIds, ...event.adAccountIds])].sort();
    merged.platforms = [...new Set([...merged.platforms, ...event.platforms])].sort();
    merged.from = event.from < merged.from ? event.from : merged.from;
    merged.to = event.to > merged.to ? event.to : merged.to;
    merged.dataVersion = Math.max(merged.dataVersion, event.dataVersion);
  }
  return out;
}

/** Parses the `since` query parameter of a connect URL; anything but a non-negative integer is a fresh connection. */
export function parseSince(raw: string | null): number | null {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
