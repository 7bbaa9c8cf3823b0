import { describe, expect, it } from 'vitest';
import type { ConnectorError, SyncResult, SyncSuccess, UsageScope, UsageSignal } from '../connectors/types';
import { accountDemands, appDemands, type SyncPlan } from './budget-scopes';
import { keyForScope, reportsFor, sideOfKey, unusedOptionalReservations, usageReading } from './usage-routing';

const signal = (scope: UsageScope, utilPct: number, extra: Partial<UsageSignal> = {}): UsageSignal => ({
  platform: 'meta',
  scope,
  source: `test:${scope}`,
  utilPct,
  regainAccessMinutes: null,
  ...extra,
});
const success = (usage: UsageSignal[], extra: Partial<SyncSuccess> = {}): SyncResult => ({
  ok: true,
  rows: [],
  entities: { campaigns: [], adGroups: [], ads: [] },
  nextCursor: null,
  usage,
  apiCalls: 3,
  ...extra,
});
const failure = (error: ConnectorError, usage: UsageSignal[] = []): SyncResult => ({ ok: false, error, usage, apiCalls: 2 });
const throttle = (scope: UsageScope, retryAfterMs: number | null, extra: Partial<ConnectorError> = {}): ConnectorError =>
  ({ kind: 'rate_limited', retryAfterMs, scope, cursor: null, message: 'throttled', ...extra }) as ConnectorError;

const quotas = { metaCallsPerHour: 4800, googleOperationsPerDay: 15_000, linkedinCallsPerDay: 100_000 };
const plan = (platform: SyncPlan['platform'], extra: Partial<SyncPlan> = {}): SyncPlan => ({
  platform,
  adAccountId: 'acct',
  lane: 'hot',
  includeEntities: true,
  includeHourly: false,
  activeAds: 3,
  memberId: 'm-1',
  quotas,
  ...extra,
});
/** reportsFor over everything the plan admits. */
const reports = (result: SyncResult, p: SyncPlan) => reportsFor(result, p, [...accountDemands(p), ...appDemands(p)]);
const byKey = (entries: ReturnType<typeof reports>['account']) => Object.fromEntries(entries.map((e) => [e.key, e.report]));

describe('keyForScope', () => {
  const ids = (platform: SyncPlan['platform'], memberId: string | null = 'm-1') => ({ platform, adAccountId: 'acct', memberId });
  it.each<[string, ReturnType<typeof ids>, UsageScope, UsageSignal['useCase'] | undefined, string]>([
    ['Meta ad-account usage stays with the account', ids('meta'), 'account', undefined, 'acct'],
    ['a Meta BUC reading goes to its use case', ids('meta'), 'account', 'ads_management', 'acct:ads_management'],
    ['Meta user-level limits stay with the account', ids('meta'), 'user', undefined, 'acct'],
    ['Meta app usage is the app’s', ids('meta'), 'app', undefined, 'app:meta'],
    ['Google’s daily operations belong to the developer token', ids('google_ads'), 'daily', undefined, 'app:google_ads'],
    ['Google QPS is the customer’s', ids('google_ads'), 'account', undefined, 'acct'],
    ['a LinkedIn APPLICATION_AND_MEMBER 429 is the member’s day', ids('linkedin'), 'user', undefined, 'member:m-1'],
    ['a LinkedIn APPLICATION 429 is the app’s day', ids('linkedin'), 'app', undefined, 'app:linkedin'],
    ['a LinkedIn 429 naming no bucket stays with the account', ids('linkedin'), 'daily', undefined, 'acct'],
    ['a LinkedIn member 429 without a known member stays with the account', ids('linkedin', null), 'user', undefined, 'acct'],
  ])('%s', (_name, scopeIds, scope, useCase, key) => {
    expect(keyForScope(scopeIds, scope, useCase)).toBe(key);
  });

  it('puts app and member keys in PlatformQuota and the account’s in TenantHub', () => {
    expect(['acct', 'acct:ads_insights', 'app:meta', 'member:m-1'].map(sideOfKey)).toEqual(['account', 'account', 'app', 'app']);
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
  ])('%s', (_name, input, expected) => {
    expect(usageReading(input)).toEqual(expected);
  });
});

describe('reportsFor', () => {
  it('an account at 100% is reported to the account only, and app usage to the app only', () => {
    const sides = reports(success([signal('account', 100, { resetSeconds: 60 }), signal('app', 40)]), plan('meta'));
    expect(byKey(sides.account).acct).toMatchObject({ outcome: 'success', usage: [{ utilPct: 100, regainAccessMs: 60_000 }] });
    expect(byKey(sides.app)['app:meta']).toMatchObject({ outcome: 'inconclusive', usage: [{ utilPct: 40, regainAccessMs: null }] });
  });

  it('each Meta use case is charged its own calls beyond what its admission reserved', () => {
    const result = success([], { apiCalls: 6, useCaseCalls: { ads_insights: 3, ads_management: 3 } });
    const account = byKey(reports(result, plan('meta')).account);
    expect(account['acct:ads_insights']).toMatchObject({ calls: 3, reserved: 1 });
    expect(account['acct:ads_management']).toMatchObject({ calls: 3, reserved: 3 });
  });

  it('a usage reading of a use case the sync did not spend still reaches that use case, charged nothing', () => {
    const p = plan('meta', { includeEntities: false });
    const result = success([signal('account', 90, { useCase: 'ads_management' })]);
    expect(byKey(reports(result, p).account)['acct:ads_management']).toMatchObject({ calls: 0, reserved: 0, usage: [{ utilPct: 90 }] });
  });

  it('a full reading of a BUC type no sync spends blocks nothing of ours', () => {
    const other = signal('account', 100, { source: 'x-business-use-case-usage:custom_audience', regainAccessMinutes: 30 });
    const sides = reports(success([other]), plan('meta'));
    expect([...sides.account, ...sides.app].flatMap((e) => e.report.usage)).toEqual([]);
  });

  it('an ads_management throttle blocks ads_management only, and leaves ads_insights and the breaker alone', () => {
    const sides = reports(failure(throttle('account', 60_000, { useCase: 'ads_management' })), plan('meta'));
    const account = byKey(sides.account);
    expect(account['acct:ads_management']).toMatchObject({ outcome: 'rate_limited', retryAfterMs: 60_000 });
    expect(account['acct:ads_insights']!.outcome).toBe('inconclusive');
    expect(account.acct!.outcome).toBe('inconclusive');
  });

  it.each<[SyncPlan['platform'], UsageScope, string]>([
    ['meta', 'account', 'acct'],
    ['meta', 'app', 'app:meta'],
    ['google_ads', 'daily', 'app:google_ads'],
    ['linkedin', 'user', 'member:m-1'],
    ['linkedin', 'app', 'app:linkedin'],
  ])('a %s %s-scoped throttle blocks only %s', (platform, scope, key) => {
    const sides = reports(failure(throttle(scope, 30_000)), plan(platform));
    const all = [...sides.account, ...sides.app];
    expect(all.filter((e) => e.report.outcome === 'rate_limited').map((e) => e.key)).toEqual([key]);
    expect(all.filter((e) => e.report.outcome === 'failure')).toEqual([]);
  });

  it.each<[ConnectorError, 'failure' | 'success']>([
    [{ kind: 'transient', message: '503', status: 503 }, 'failure'],
    [{ kind: 'permanent', message: 'closed', code: 'CUSTOMER_NOT_ENABLED' }, 'success'],
    [{ kind: 'auth_failed', message: 'revoked' }, 'success'],
  ])('a %o error counts as a breaker %s on the account, and never on the app', (error, outcome) => {
    const sides = reports(failure(error), plan('google_ads'));
    expect(byKey(sides.account).acct!.outcome).toBe(outcome);
    expect(sides.app.every((e) => e.report.outcome === 'inconclusive')).toBe(true);
  });
});

describe('unusedOptionalReservations', () => {
  const meta = plan('meta', { lane: 'backfill' });
  const unused = (result: SyncResult, p = meta) => unusedOptionalReservations(result, p, accountDemands(p));

  it('gives back the entity reads a Meta delivery reserved and did not make (its report is still running)', () => {
    const polled = success([], { apiCalls: 1, useCaseCalls: { ads_insights: 1, ads_management: 0 }, nextCursor: 'report' });
    expect(unused(polled)).toEqual([expect.objectContaining({ key: 'acct:ads_management', cost: 3 })]);
    expect(unused(polled)[0]).not.toHaveProperty('breaker');
  });

  it('gives back nothing when the entity reads were made, nor any required scope', () => {
    expect(unused(success([], { apiCalls: 5, useCaseCalls: { ads_insights: 2, ads_management: 3 } }))).toEqual([]);
    expect(unused(success([], { apiCalls: 0 }), plan('google_ads'))).toEqual([]);
    expect(unused(success([], { apiCalls: 0 }), plan('meta', { includeEntities: false }))).toEqual([]);
  });

  it('gives back the part of the reservation left over, also after a failure', () => {
    expect(unused(success([], { apiCalls: 3, useCaseCalls: { ads_insights: 1, ads_management: 2 } }))).toEqual([
      expect.objectContaining({ key: 'acct:ads_management', cost: 1 }),
    ]);
    expect(unused(failure({ kind: 'transient', message: 'insights 500' }))).toEqual([expect.objectContaining({ cost: 3 })]);
  });

  it('keeps a throttled ads_management scope blocked: nothing is given back to it', () => {
    expect(unused(failure(throttle('account', 60_000, { useCase: 'ads_management' })))).toEqual([]);
  });
});
