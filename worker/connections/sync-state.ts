import type { Platform, SyncLane } from '../../db/schema/enum-values';

/**
 * An account's latest run on one lane among those whose outcome says something lasting about the
 * account: ok (the platform serves its data) or permanent (the platform refuses it for good).
 * Rate limits, transient errors and runs in progress say nothing about that and are not passed in.
 */
export interface DecisiveRun {
  lane: SyncLane;
  outcome: 'ok' | 'permanent';
  finishedAt: Date;
  error: string | null;
}

/** What the user reads about a permanent failure: the platform's reason in plain words and what to do. */
export interface FailureExplanation {
  /** The platform's error code when the connector's message carries one we know. */
  code: string | null;
  reason: string;
  action: string;
}

export type SyncState = { state: 'ok' } | ({ state: 'failing'; lastFailedAt: string; rawMessage: string } & FailureExplanation);

/**
 * Whether an account is failing permanently, from its latest decisive run per lane: it is when the
 * newest permanent run is newer than the newest ok run, on any lane. Every lane counts because a
 * permanent code describes the account (closed, access withdrawn), not a window; an ok run on any
 * lane proves the platform serves the account again and clears the failure. The caller passes only
 * backfill runs of the current backfill request, so an old request's failures do not linger.
 */
export function syncState(platform: Platform, runs: readonly DecisiveRun[]): SyncState {
  const newest = (outcome: DecisiveRun['outcome']) =>
    runs.filter((r) => r.outcome === outcome).reduce<DecisiveRun | null>((a, r) => (!a || r.finishedAt > a.finishedAt ? r : a), null);
  const failed = newest('permanent');
  const ok = newest('ok');
  if (!failed || (ok && ok.finishedAt >= failed.finishedAt)) return { state: 'ok' };
  const rawMessage = failed.error ?? '';
  return { state: 'failing', lastFailedAt: failed.finishedAt.toISOString(), rawMessage, ...explainPermanentFailure(platform, rawMessage) };
}

/**
 * Why the history import no longer moves, in plain words, or null while it can still progress: its
 * own latest run was refused for good (those messages are dropped, never retried), or the account
 * is failing permanently, so every remaining window would be refused too.
 */
export function backfillStoppedReason(platform: Platform, runs: readonly DecisiveRun[], state: SyncState): string | null {
  if (state.state === 'failing') return state.reason;
  const backfill = runs.find((r) => r.lane === 'backfill');
  return backfill?.outcome === 'permanent' ? explainPermanentFailure(platform, backfill.error ?? '').reason : null;
}

const PLATFORM_NAMES: Record<Platform, string> = { google_ads: 'Google Ads', meta: 'Meta', linkedin: 'LinkedIn' };

/*
 * Per platform and code. Disabling a single account from Tidemark does not exist yet, so the actions
 * say what can be done at the platform and here (reconnecting restarts the history import).
 */
const EXPLANATIONS: Partial<Record<Platform, Record<string, Omit<FailureExplanation, 'code'>>>> = {
  google_ads: {
    CUSTOMER_NOT_ENABLED: {
      reason: 'Google Ads says this account is not enabled (closed or cancelled).',
      action: 'Reactivate it in Google Ads: the next sync picks it up again, and reconnecting Google restarts the history import.',
    },
    USER_PERMISSION_DENIED: {
      reason: 'Google Ads says the connected Google user no longer has access to this account.',
      action: 'Ask an admin of the account in Google Ads to grant access again, then reconnect Google.',
    },
    REQUESTED_METRICS_FOR_MANAGER: {
      reason: 'Google Ads says this is a manager account, which has no ads or metrics of its own.',
      action: 'Nothing to do: its client accounts sync on their own.',
    },
  },
};

/**
 * Maps a permanent failure's stored message to plain words. The code is read from the message
 * because sync_runs keeps the connector's message, which names the platform's codes (Google:
 * "label: PERMISSION_DENIED CUSTOMER_NOT_ENABLED …"); unknown codes get a general explanation.
 */
export function explainPermanentFailure(platform: Platform, message: string): FailureExplanation {
  const known = EXPLANATIONS[platform] ?? {};
  const code = message.match(/[A-Z][A-Z0-9_]{2,}/g)?.find((token) => token in known) ?? null;
  if (code) return { code, ...known[code]! };
  const name = PLATFORM_NAMES[platform];
  return {
    code: null,
    reason: `${name} refuses this account’s data, and retrying will not change that.`,
    action: `Check the account in ${name} (the platform's own message is below), then reconnect ${name}.`,
  };
}
