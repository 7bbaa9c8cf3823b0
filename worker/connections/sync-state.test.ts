import { describe, expect, it } from 'vitest';
import { backfillStoppedReason, type DecisiveRun, explainPermanentFailure, syncState } from './sync-state';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));
const closed =
  'google report: PERMISSION_DENIED CUSTOMER_NOT_ENABLED The customer account can’t be accessed because it is not yet enabled or has been deactivated.';
const run = (lane: DecisiveRun['lane'], outcome: DecisiveRun['outcome'], minute: number): DecisiveRun => ({
  lane,
  outcome,
  finishedAt: at(minute),
  error: outcome === 'permanent' ? closed : null,
});
const CLOSED_REASON = 'Google Ads says this account is not enabled (closed or cancelled).';

describe('syncState', () => {
  it.each<[string, DecisiveRun[], 'ok' | 'failing']>([
    ['an account with no decisive runs yet is not failing', [], 'ok'],
    ['only ok runs', [run('hot', 'ok', 1), run('backfill', 'ok', 2)], 'ok'],
    ['a permanent backfill run with no ok run anywhere', [run('backfill', 'permanent', 1)], 'failing'],
    ['a permanent hot run newer than the latest ok backfill run', [run('backfill', 'ok', 1), run('hot', 'permanent', 2)], 'failing'],
    ['an ok run on another lane after the permanent one clears it', [run('backfill', 'permanent', 1), run('hot', 'ok', 2)], 'ok'],
    ['an ok manual run clears a permanent hot run', [run('hot', 'permanent', 1), run('manual', 'ok', 3)], 'ok'],
    ['a permanent manual run after an ok hot run counts', [run('hot', 'ok', 1), run('manual', 'permanent', 3)], 'failing'],
    ['ok and permanent at the same moment: the ok run wins', [run('hot', 'permanent', 4), run('settling', 'ok', 4)], 'ok'],
  ])('%s', (_, runs, expected) => {
    expect(syncState('google_ads', runs).state).toBe(expected);
  });

  it('carries the platform’s reason in plain words, what to do, when it last failed and the raw message', () => {
    expect(syncState('google_ads', [run('hot', 'ok', 1), run('backfill', 'permanent', 5), run('settling', 'permanent', 3)])).toEqual({
      state: 'failing',
      code: 'CUSTOMER_NOT_ENABLED',
      reason: CLOSED_REASON,
      action: 'Reactivate it in Google Ads: the next sync picks it up again, and reconnecting Google restarts the history import.',
      lastFailedAt: at(5).toISOString(),
      rawMessage: closed,
    });
  });
});

describe('backfillStoppedReason', () => {
  it.each<[string, DecisiveRun[], string | null]>([
    ['a backfill whose windows keep landing is not stopped', [run('backfill', 'ok', 1)], null],
    ['an account failing permanently stops its backfill', [run('backfill', 'ok', 1), run('hot', 'permanent', 2)], CLOSED_REASON],
    [
      'a refused backfill window stops it even after the account recovered',
      [run('backfill', 'permanent', 1), run('hot', 'ok', 2)],
      CLOSED_REASON,
    ],
    ['a backfill without runs yet is not stopped', [run('hot', 'ok', 1)], null],
  ])('%s', (_, runs, expected) => {
    expect(backfillStoppedReason('google_ads', runs, syncState('google_ads', runs))).toBe(expected);
  });
});

describe('explainPermanentFailure', () => {
  it.each([
    ['google_ads', closed, 'CUSTOMER_NOT_ENABLED', CLOSED_REASON],
    [
      'google_ads',
      'google report: PERMISSION_DENIED USER_PERMISSION_DENIED User doesn’t have permission to access customer.',
      'USER_PERMISSION_DENIED',
      'Google Ads says the connected Google user no longer has access to this account.',
    ],
    [
      'google_ads',
      'google report: INVALID_ARGUMENT SOMETHING_NEW Unexpected.',
      null,
      'Google Ads refuses this account’s data, and retrying will not change that.',
    ],
    [
      'meta',
      'meta insights: (#100) Unsupported get request.',
      null,
      'Meta refuses this account’s data, and retrying will not change that.',
    ],
  ] as const)('%s: %s', (platform, message, code, reason) => {
    expect(explainPermanentFailure(platform, message)).toMatchObject({ code, reason });
  });
});
