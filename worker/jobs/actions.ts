import type { ConnectorError } from '../connectors/types';

/** What the queue consumer does with a message after a sync attempt. */
export type SyncAction =
  | { kind: 'done' }
  /**
   * Re-enqueue as a new message (rate limits and continuations do not use up retries). A throttled
   * deferral counts toward the slot's deferral limit; a continuation (a window committed, more to
   * fetch) starts that count again.
   */
  | { kind: 'defer'; reason: 'throttled' | 'continuation'; delaySeconds: number; cursor: string | null }
  /** Retry the same message with a delay; counts toward the retry limit and the DLQ. */
  | { kind: 'retry'; delaySeconds: number }
  | { kind: 'reauth' }
  | { kind: 'drop'; reason: string };

/** Cloudflare Queues accept delays up to 12 hours. */
export const MAX_DELAY_SECONDS = 12 * 60 * 60;
const BASE_BACKOFF_SECONDS = 30;

/** Exponential backoff with full jitter: uniform in [0, base * 2^attempt], capped. */
export function backoffSeconds(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_SECONDS, BASE_BACKOFF_SECONDS * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(random() * ceiling));
}

/** A wait in milliseconds (a platform's or a budget's hint) as a queue delay: whole seconds, at least 1, at most the maximum. */
export function delaySecondsFromMs(ms: number): number {
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(ms / 1000)));
}

/** Any delay as the queue accepts it: whole seconds in [0, MAX_DELAY_SECONDS] (sendBatch and retry reject more). */
export function queueDelaySeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return seconds > 0 ? MAX_DELAY_SECONDS : 0;
  return Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(seconds)));
}

/**
 * How many times in a row one slot may be deferred by a rate limit before it goes to the dead
 * letters. A deferral is not a failure, but an endless one is: with the delays below the slot has
 * then waited about three days (the ceiling reaches 12 hours at the 11th deferral), which spans
 * several daily quota resets on every platform, so whatever keeps it waiting is not a rate limit.
 */
export const MAX_DEFERRALS = 20;

/** What happens to a slot the platform or our budget throttled, given how often it already was. */
export type DeferralPlan = { kind: 'defer'; delaySeconds: number } | { kind: 'dead_letter' };

/**
 * Grows the wait with each deferral of the same slot (full jitter: uniform up to a doubling
 * ceiling, capped at the queue maximum) and never waits less than the hint the platform or the
 * budget gave, so a throttled slot does not come back at the same moment as every other one.
 */
export function planDeferral(deferrals: number, hintSeconds: number, random: () => number = Math.random): DeferralPlan {
  if (deferrals >= MAX_DEFERRALS) return { kind: 'dead_letter' };
  return { kind: 'defer', delaySeconds: queueDelaySeconds(Math.max(hintSeconds, backoffSeconds(deferrals + 1, random))) };
}

/** Maps a connector failure to the consumer's action (STYLE.md convention 2). */
export function actionForError(error: ConnectorError, attempt: number, random: () => number = Math.random): SyncAction {
  switch (error.kind) {
    case 'rate_limited':
      // The platform's own hint when it gave one (Meta, Google); LinkedIn gives none, so back off.
      return {
        kind: 'defer',
        reason: 'throttled',
        delaySeconds: error.retryAfterMs !== null ? delaySecondsFromMs(error.retryAfterMs) : backoffSeconds(attempt, random),
        cursor: error.cursor,
      };
    case 'auth_failed':
      return { kind: 'reauth' };
    case 'transient':
      return { kind: 'retry', delaySeconds: backoffSeconds(attempt, random) };
    case 'permanent':
      return { kind: 'drop', reason: error.message };
  }
}
