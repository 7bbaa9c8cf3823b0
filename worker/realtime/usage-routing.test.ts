import { describe, expect, it } from 'vitest';
import type { ConnectorError, SyncResult, UsageScope, UsageSignal } from '../connectors/types';
import { budgetSide, reportsFor, usageReading } from './usage-routing';

const signal = (scope: UsageScope, utilPct: number, extra: Partial<UsageSignal> = {}): UsageSignal => ({
  platform: 'meta',
  scope,
  source: `test:${scope}`,
  utilPct,
  regainAccessMinutes: null,
  ...extra,
});
const success = (usage: UsageSignal[]): SyncResult => ({
  ok: true,
  rows: [],
  entities: { campaigns: [], adGroups: [], ads: [] },
  nextCursor: null,
  usage,
  apiCalls: 3,
});
const failure = (error: ConnectorError, usage: UsageSignal[] = []): SyncResult => ({ ok: false, error, usage, apiCalls: 2 });
const throttle = (scope: UsageScope, retryAfterMs: number | null): ConnectorError => ({
  kind: 'rate_limited',
  retryAfterMs,
  scope,
  cursor: null,
  message: 'throttled',
});

describe('budgetSide', () => {
  it.each<[UsageScope, 'account' | 'app']>([
    ['account', 'account'],
    ['user', 'account'],
    ['app', 'app'],
    ['daily', 'app'],
  ])('a %s-scoped signal belongs to the %s budget', (scope, side) => {
    expect(budgetSide(scope)).toBe(side);
  });
});

describe('usageReading', () => {
  it.each<[string, UsageSignal, { utilPct: number; regainAccessMs: number | null }]>([
    [
      'regain-access minutes become milliseconds',
      signal('account', 100, { regainAccessMinutes: 1 }),
      { utilPct: 100, regainAccessMs: 60_000 },
    ],
    [
      'a full reading uses the reset time when no regain time is given',
      signal('account', 100, { resetSeconds: 45 }),
      { utilPct: 100, regainAccessMs: 45_000 },
    ],
    [
      'the regain time wins over the reset time',
      signal('account', 100, { regainAccessMinutes: 2, resetSeconds: 45 }),
      { utilPct: 100, regainAccessMs: 120_000 },
    ],
    [
      'a reading below 100% is no block, whatever its reset time',
      signal('account', 60, { resetSeconds: 45 }),
      { utilPct: 60, regainAccessMs: null },
    ],
    ['a full reading without figures has none', signal('account', 100, { regainAccessMinutes: 0 }), { utilPct: 100, regainAccessMs: null }],
  ])('%s', (_name, input, expected) => {
    expect(usageReading(input)).toEqual(expected);
  });
});

describe('reportsFor', () => {
  it('an account at 100% is reported to the account only, and app usage to the app only', () => {
    const reports = reportsFor(success([signal('account', 100, { regainAccessMinutes: 1 }), signal('app', 30)]));
    expect(reports.account).toEqual({ outcome: 'success', usage: [{ utilPct: 100, regainAccessMs: 60_000 }], calls: 3 });
    expect(reports.app).toEqual({ outcome: 'inconclusive', usage: [{ utilPct: 30, regainAccessMs: null }], calls: 3 });
  });

  it.each<[UsageScope, 'account' | 'app']>([
    ['account', 'account'],
    ['user', 'account'],
    ['app', 'app'],
    ['daily', 'app'],
  ])('a %s-scoped throttle blocks only the %s budget and leaves the other’s breaker alone', (scope, side) => {
    const reports = reportsFor(failure(throttle(scope, 30_000)));
    const other = side === 'account' ? 'app' : 'account';
    expect(reports[side]).toEqual({ outcome: 'rate_limited', retryAfterMs: 30_000, usage: [], calls: 2 });
    expect(reports[other]).toEqual({ outcome: 'inconclusive', usage: [], calls: 2 });
  });

  it.each<[ConnectorError, 'success' | 'failure']>([
    [{ kind: 'transient', message: '503', status: 503 }, 'failure'],
    [{ kind: 'permanent', message: 'closed', code: 'CUSTOMER_NOT_ENABLED' }, 'success'],
    [{ kind: 'auth_failed', message: 'revoked' }, 'success'],
  ])('a $kind error counts as a breaker %s on the account, and never on the app', (error, outcome) => {
    const reports = reportsFor(failure(error));
    expect(reports.account.outcome).toBe(outcome);
    expect(reports.app.outcome).toBe('inconclusive');
  });
});
