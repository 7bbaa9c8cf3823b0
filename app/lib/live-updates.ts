import type { HubMessage } from '../../worker/realtime/events';
import type { DateWindow } from '../../worker/lib/dates';
import { rangesOverlap } from './date-range';

export type LiveAction =
  /** Refetch the page data (new numbers inside the visible range). */
  | { kind: 'refresh'; seq: number }
  /** The hub could not replay what we missed: reload everything. */
  | { kind: 'reload'; seq: number }
  /** Connected: a fresh client starts reading from the hub's newest seq. */
  | { kind: 'hello'; seq: number }
  /** Nothing to do but remember how far we have read. */
  | { kind: 'ignore'; seq: number };

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

/** What the overview page does with a hub message, given the dates it shows. */
export function decideLiveAction(message: HubMessage, visible: DateWindow): LiveAction {
  switch (message.type) {
    case 'metrics-updated':
      return rangesOverlap({ from: message.from, to: message.to }, visible)
        ? { kind: 'refresh', seq: message.seq }
        : { kind: 'ignore', seq: message.seq };
    case 'reload':
      return { kind: 'reload', seq: message.seq };
    case 'hello':
      return { kind: 'hello', seq: message.seq };
    default:
      return { kind: 'ignore', seq: message.seq };
  }
}

/**
 * The `since` to resume from after a reconnect: the highest seq seen. A hello only sets it on a
 * fresh connection; on a resume the hub replays the missed events right after hello and they
 * advance it themselves.
 */
export function nextSince(current: number | null, action: LiveAction): number | null {
  if (action.kind === 'hello') return current ?? action.seq;
  if (action.kind === 'reload') return action.seq;
  return current === null ? action.seq : Math.max(current, action.seq);
}
