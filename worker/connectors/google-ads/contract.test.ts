/** The Google Ads connector against the local fakes (startFakes) over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes } from '../../../dev/fakes/testing';
import { addDays, localToday } from '../../lib/dates';
import { comparableRows, consentCode, FAKE_APP, FAKE_REDIRECT_URI, truthRows } from '../testing/contract';
import type { DiscoveredAccount, SyncInput } from '../types';
import { googleAdsConnector } from './index';

const NOW = new Date('2026-11-29T15:00:00Z');
let fakes: Awaited<ReturnType<typeof startFakes>>;
let base: string;
let accessToken: string;
let refreshToken: string;
let accounts: DiscoveredAccount[];

beforeAll(async () => {
  fakes = await startFakes({ now: NOW, speed: 0, seed: 5 });
  base = `${fakes.url}/google-ads`;
  const code = await consentCode(googleAdsConnector.oauth.authorizeUrl, base);
  const exchanged = await googleAdsConnector.oauth.exchangeCode({
    http: { fetch, baseUrl: base },
    app: FAKE_APP,
    code,
    redirectUri: FAKE_REDIRECT_URI,
  });
  if (!exchanged.ok) throw new Error(`OAuth failed: ${exchanged.error.message}`);
  accessToken = exchanged.tokens.accessToken;
  refreshToken = exchanged.tokens.refreshToken ?? '';
  const listed = await googleAdsConnector.listAccounts({ credentials: { accessToken }, http: { fetch, baseUrl: base } });
  if (!listed.ok) throw new Error(`listAccounts failed: ${listed.error.message}`);
  accounts = listed.accounts;
});
afterAll(() => fakes?.close());

function syncInput(account: DiscoveredAccount, days: number, extra: Partial<SyncInput> = {}): SyncInput {
  const to = addDays(localToday(account.timeZone, NOW), -1);
  return {
    account: {
      externalId: account.externalId,
      currency: account.currency,
      timeZone: account.timeZone,
      ...(account.managerExternalId ? { managerExternalId: account.managerExternalId } : {}),
    },
    window: { from: addDays(to, -(days - 1)), to },
    cursor: null,
    credentials: { accessToken },
    http: { fetch, baseUrl: base },
    ...extra,
  };
}
const clients = () => accounts.filter((a) => !a.isManager);
const accountIn = (currency: string) => clients().find((a) => a.currency === currency)!;

describe('Google Ads connector against the Google Ads fake', () => {
  it('discovers the manager, its clients (reached through it) and the standalone customer', () => {
    const manager = accounts.find((a) => a.isManager);
    expect(manager).toBeDefined();
    expect(
      clients()
        .map((a) => a.currency)
        .sort(),
    ).toEqual(['EUR', 'GBP', 'JPY', 'USD']);
    expect(clients().filter((a) => a.managerExternalId === manager!.externalId)).toHaveLength(3);
  });

  it.each(['USD', 'GBP', 'EUR', 'JPY'])(
    'reproduces the ground truth of the %s customer over 30 days with one searchStream',
    async (currency) => {
      const account = accountIn(currency);
      const input = syncInput(account, 30);
      fakes.ctx.calls.reset();
      const result = await googleAdsConnector.syncWindow(input);
      if (!result.ok) throw new Error(result.error.message);
      const truth = fakes.ctx.world.groundTruth('google_ads', account.externalId, input.window.from, input.window.to, NOW);
      expect(truth.length).toBeGreaterThan(0);
      expect(comparableRows(result.rows)).toEqual(truthRows(truth));
      expect(fakes.ctx.calls.list({ service: 'google_ads' })).toHaveLength(1);
      expect(result.apiCalls).toBe(1);
    },
  );

  it('keeps removed ads with their spend and names entities from the same rows', async () => {
    const account = accountIn('USD');
    const removed = new Set(
      fakes.ctx.world
        .ads('google_ads', account.externalId)
        .filter((ad) => ad.status === 'DELETED')
        .map((ad) => ad.id),
    );
    const input = syncInput(account, 90);
    const result = await googleAdsConnector.syncWindow(input);
    if (!result.ok) throw new Error(result.error.message);
    const truth = fakes.ctx.world.groundTruth('google_ads', account.externalId, input.window.from, input.window.to, NOW);
    expect(truth.some((f) => removed.has(f.adId))).toBe(true);
    expect(comparableRows(result.rows)).toEqual(truthRows(truth));
    const removedEntities = result.entities.ads.filter((ad) => removed.has(ad.externalId));
    expect(removedEntities.length).toBeGreaterThan(0);
    expect(removedEntities.every((ad) => ad.status === 'deleted' && ad.rawStatus === 'REMOVED')).toBe(true);
    const names = new Map(fakes.ctx.world.campaigns('google_ads', account.externalId).map((c) => [c.id, c.name]));
    for (const campaign of result.entities.campaigns) expect(campaign.name).toBe(names.get(campaign.externalId));
  });

  it('returns hourly rows for today that add up to the daily rows', async () => {
    const account = accountIn('EUR');
    const today = localToday(account.timeZone, NOW);
    const result = await googleAdsConnector.syncWindow({
      ...syncInput(account, 1),
      window: { from: today, to: today },
      options: { includeHourly: true },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      const hours = (result.hourly ?? []).filter((h) => h.adId === row.adId);
      expect(hours.reduce((sum, h) => sum + h.spendMicros, 0)).toBe(row.spendMicros);
    }
  });

  it('fails permanently for a manager account and for a client reached without login-customer-id', async () => {
    const manager = accounts.find((a) => a.isManager)!;
    expect(await googleAdsConnector.syncWindow(syncInput(manager, 7))).toMatchObject({
      ok: false,
      error: { kind: 'permanent', code: 'REQUESTED_METRICS_FOR_MANAGER' },
    });
    const client = accountIn('GBP');
    const { managerExternalId: _omit, ...withoutManager } = client;
    expect(await googleAdsConnector.syncWindow(syncInput(withoutManager, 7))).toMatchObject({ ok: false, error: { kind: 'permanent' } });
  });

  it('turns an exhausted daily quota into rate_limited with the retry delay', async () => {
    const regime = fakes.ctx.regimes.google_ads;
    const saved = regime.dailyOperations;
    fakes.ctx.calls.reset();
    regime.dailyOperations = 1;
    try {
      await googleAdsConnector.syncWindow(syncInput(accountIn('USD'), 7));
      const result = await googleAdsConnector.syncWindow(syncInput(accountIn('USD'), 7));
      if (result.ok || result.error.kind !== 'rate_limited') throw new Error(`expected a rate limit, got ${JSON.stringify(result)}`);
      expect(result.error.scope).toBe('daily');
      expect(result.error.retryAfterMs).toBeGreaterThan(0);
    } finally {
      regime.dailyOperations = saved;
      fakes.ctx.calls.reset();
    }
  });

  it('maps injected faults: server error and truncated stream to transient', async () => {
    // Two in a row: searchStream is repeated once, then the window goes back to the queue.
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'server_error', remaining: 2 });
    expect(await googleAdsConnector.syncWindow(syncInput(accountIn('USD'), 7))).toMatchObject({ ok: false, error: { kind: 'transient' } });
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'truncated_body', remaining: 2 });
    expect(await googleAdsConnector.syncWindow(syncInput(accountIn('USD'), 7))).toMatchObject({ ok: false, error: { kind: 'transient' } });
  });

  it('repeats a searchStream cut off in passing once (it only reads) and completes the window', async () => {
    const clean = await googleAdsConnector.syncWindow(syncInput(accountIn('USD'), 7));
    if (!clean.ok) throw new Error(clean.error.message);
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'truncated_body', remaining: 1 });
    const retried = await googleAdsConnector.syncWindow(syncInput(accountIn('USD'), 7));
    if (!retried.ok) throw new Error(retried.error.message);
    expect(retried.rows).toEqual(clean.rows);
    expect(retried.apiCalls).toBe(clean.apiCalls + 1);
  });

  it('refreshes the one-hour access token with the refresh token', async () => {
    const refreshed = await googleAdsConnector.oauth.refresh!({ http: { fetch, baseUrl: base }, app: FAKE_APP, refreshToken });
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    expect(refreshed.tokens.accessTokenExpiresInSeconds).toBeLessThanOrEqual(3600);
    const result = await googleAdsConnector.syncWindow({
      ...syncInput(accountIn('JPY'), 3),
      credentials: { accessToken: refreshed.tokens.accessToken },
    });
    expect(result.ok).toBe(true);
  });

  it('maps a revoked token to auth_failed', async () => {
    fakes.ctx.faults.add({ service: 'google_ads', kind: 'revoked_token', remaining: 1 });
    expect(await googleAdsConnector.syncWindow(syncInput(accountIn('USD'), 7))).toMatchObject({
      ok: false,
      error: { kind: 'auth_failed' },
    });
  });
});
