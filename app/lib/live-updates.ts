import type { Platform } from '$db/schema/enum-values';
import type { DateWindow } from '$worker/lib/dates';
import type { HubEvent, HubMessage } from '$worker/realtime/events';
import { rangesOverlap } from './date-range';

export type SyncProgressEvent = Extract<HubEvent, { type: 'sync-progress' }>;
export type MetricsUpdatedEvent = Extract<HubEvent, { type: 'metrics-updated' }>;

/**
 * What one widget's numbers depend on. A widget refetches (SvelteKit key `tenant:<key>`) only when
 * new metrics touch its dates, one of its platforms and one of its ad accounts; null means all.
 */
export type WidgetDependency = {
  key: string;
  range: DateWindow | null;
  platforms?: Platform[] | null;
  adAccountIds?: string[] | null;
};

export type LiveAction =
  /** Refetch the page data (new numbers inside the visible range, or progress the page shows). */
  | { kind: 'refresh'; seq: number }
  /** Refetch only these widgets (keys of LiveInterest.widgets): the new numbers touch nothing else. */
  | { kind: 'refresh-widgets'; seq: number; widgets: string[] }
  /** The hub could not replay what we missed: reload everything. */
  | { kind: 'reload'; seq: number }
  /** Connected: a fresh client starts reading from the hub's newest seq. */
  | { kind: 'hello'; seq: number }
  /** Connected fresh while the page shows work in progress: refetch once, then read from the newest seq. */
  | { kind: 'catch-up'; seq: number }
  /** Backfill progress the page applies itself, without a refetch. */
  | { kind: 'progress'; seq: number; progress: SyncProgressEvent }
  /** Nothing to do but remember how far we have read. */
  | { kind: 'ignore'; seq: number };

/** What a page wants to hear from the tenant hub. */
export type LiveInterest = {
  /** The dates the page shows: metrics landing outside them are ignored. Null: any new metrics matter. */
  range: DateWindow | null;
  /** Backfill progress: refetch the page, hand the event to the page, or ignore it. */
  syncProgress: 'refresh' | 'notify' | 'ignore';
  /**
   * Refetch once a fresh connection opens: what landed between rendering the page and the socket
   * opening is not replayed to a new client, and a running backfill may have finished meanwhile.
   */
  catchUpOnConnect?: boolean;
  /** The page's widgets and what each depends on: new metrics refetch only the affected ones instead of the page. */
  widgets?: WidgetDependency[];
  /** The tenant data version the page was rendered at: metrics of that version or older are already on it. */
  dataVersion?: number;
};

/** Keys of the widgets whose numbers an event changes (an event without platforms, from an older hub log, touches every platform). */
export function affectedWidgets(
  event: Pick<MetricsUpdatedEvent, 'from' | 'to' | 'adAccountIds' | 'platforms'>,
  widgets: WidgetDependency[],
): string[] {
  const eventPlatforms = event.platforms ?? [];
  return widgets
    .filter((widget) => widget.range === null || rangesOverlap({ from: event.from, to: event.to }, widget.range))
    .filter((widget) => !widget.platforms || eventPlatforms.length === 0 || widget.platforms.some((p) => eventPlatforms.includes(p)))
    .filter((widget) => !widget.adAccountIds || widget.adAccountIds.some((id) => event.adAccountIds.includes(id)))
    .map((widget) => widget.key);
}

/** The SvelteKit dependency key a widget's data is loaded under (`depends`/`invalidate`). */
export function widgetKey(key: string): `tenant:${string}` {
  return `tenant:${key}`;
}

/** Parses one WebSocket frame from the tenant hub; anything unrecognised is null. */
export function parseHubMessage(raw: unknown): HubMessage | null {
  if (typeof raw !== 'string') return null;
  try {
    const message = JSON.parse(raw) as Partial<HubMessage> | null;
    if (!message || typeof message !== 'object' || typeof message.type !== 'string' || typeof message.seq !== 'number') return null;
    return message as HubMessage;
  } catch {
    return null;
  }
}

/** What a page does with a hub message, given what it is interested in; `since` is the last seq it read (null: fresh connection). */
export function decideLiveAction(message: HubMessage, interest: LiveInterest, since: number | null = null): LiveAction {
  // A resume can overlap what was already read (a broadcast and a replay of the same event): each seq counts once.
  if ((message.type === 'metrics-updated' || message.type === 'sync-progress') && since !== null && message.seq <= since)
    return { kind: 'ignore', seq: message.seq };
  switch (message.type) {
    case 'metrics-updated':
      return decideMetrics(message, interest);
    case 'sync-progress':
      if (interest.syncProgress === 'refresh') return { kind: 'refresh', seq: message.seq };
      if (interest.syncProgress === 'notify') return { kind: 'progress', seq: message.seq, progress: message };
      return { kind: 'ignore', seq: message.seq };
    case 'reload':
      return { kind: 'reload', seq: message.seq };
    case 'hello':
      return interest.catchUpOnConnect && since === null ? { kind: 'catch-up', seq: message.seq } : { kind: 'hello', seq: message.seq };
    default:
      return { kind: 'ignore', seq: (message as { seq: number }).seq };
  }
}

function decideMetrics(message: MetricsUpdatedEvent, interest: LiveInterest): LiveAction {
  const ignore: LiveAction = { kind: 'ignore', seq: message.seq };
  if (interest.dataVersion !== undefined && message.dataVersion <= interest.dataVersion) return ignore;
  if (interest.widgets) {
    const widgets = affectedWidgets(message, interest.widgets);
    return widgets.length > 0 ? { kind: 'refresh-widgets', seq: message.seq, widgets } : ignore;
  }
  return interest.range === null || rangesOverlap({ from: message.from, to: message.to }, interest.range)
    ? { kind: 'refresh', seq: message.seq }
    : ignore;
}

/**
 * The `since` to resume from after a reconnect: the highest seq seen. A hello only sets it on a
 * fresh connection; on a resume the hub replays the missed events right after hello and they
 * advance it themselves.
 */
export function nextSince(current: number | null, action: LiveAction): number | null {
  if (action.kind === 'hello' || action.kind === 'catch-up') return current ?? action.seq;
  if (action.kind === 'reload') return action.seq;
  return current === null ? action.seq : Math.max(current, action.seq);
}
