/** The LinkedIn connector against the local fakes (startFakes) over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes } from '../../../dev/fakes/testing';
import { addDays } from '../../lib/dates';
import { comparableRows, consentCode, FAKE_APP, FAKE_REDIRECT_URI, truthRows } from '../testing/contract';
import type { DiscoveredAccount, SyncInput } from '../types';
import { linkedInConnector } from './index';

const TEST_NOW = new Date('2026-11-29T15:00:00Z');
let fake: { base: string; ctx: Awaited<ReturnType<typeof startFakes>>['ctx']; close(): Promise<void> };
let accessToken: string;
let refreshToken: string;
let accounts: DiscoveredAccount[];

beforeAll(async () => {
  const fakes = await startFakes({ now: TEST_NOW, speed: 0, seed: 7 });
  fake = { base: `${fakes.url}/linkedin`, ctx: fakes.ctx, close: () => fakes.close() };
  const code = await consentCode(linkedInConnector.oauth.authorizeUrl, fake.base);
  const exchanged = await linkedInConnector.oauth.exchangeCode({
    http: { fetch, baseUrl: fake.base },
    app: FAKE_APP,
    code,
    redirectUri: FAKE_REDIRECT_URI,
  });
  if (!exchanged.ok) throw new Error(`OAuth failed: ${exchanged.error.message}`);
  accessToken = exchanged.tokens.accessToken;
  refreshToken = exchanged.tokens.refreshToken ?? '';
  expect(exchanged.tokens.refreshTokenExpiresInSeconds).toBe(365 * 86_400);
  const listed = await linkedInConnector.listAccounts({ credentials: { accessToken }, http: { fetch, baseUrl: fake.base } });
  if (!listed.ok) throw new Error(`listAccounts failed: ${listed.error.message}`);
  accounts = listed.accounts;
});
afterAll(() => fake?.close());

function syncInput(account: DiscoveredAccount, days: number): SyncInput {
  // The world's local dates are in the account's own zone; yesterday is settled in every zone at TEST_NOW.
  const to = addDays(TEST_NOW.toISOString().slice(0, 10), -1);
  return {
    account: { externalId: account.externalId, currency: account.currency, timeZone: account.timeZone },
    window: { from: addDays(to, -(days - 1)), to },
    cursor: null,
    credentials: { accessToken },
    http: { fetch, baseUrl: fake.base },
  };
}

describe('LinkedIn connector against the LinkedIn fake', () => {
  it('lists the granted accounts with their currencies', () => {
    expect(accounts.map((a) => a.currency).sort()).toEqual(['EUR', 'USD']);
  });

  it.each(['USD', 'EUR'])('reproduces the ground truth of the %s account over 30 days', async (currency) => {
    const account = accounts.find((a) => a.currency === currency)!;
    const input = syncInput(account, 30);
    fake.ctx.calls.reset();
    const result = await linkedInConnector.syncWindow(input);
    if (!result.ok) throw new Error(result.error.message);
    const truth = fake.ctx.world.groundTruth('linkedin', account.externalId, input.window.from, input.window.to, TEST_NOW);
    expect(truth.length).toBeGreaterThan(0);
    expect(comparableRows(result.rows)).toEqual(truthRows(truth));
    expect(result.rows.every((r) => typeof r.extras.costInUsdMicros === 'number')).toBe(true);
    const analyticsCalls = fake.ctx.calls.list({ service: 'linkedin' }).filter((c) => c.path.includes('adAnalytics'));
    expect(analyticsCalls).toHaveLength(1);
  });

  it('keeps removed creatives with their spend and marks them deleted', async () => {
    const account = accounts.find((a) => a.currency === 'USD')!;
    const deletedIds = new Set(
      fake.ctx.world
        .ads('linkedin', account.externalId)
        .filter((ad) => ad.status === 'DELETED')
        .map((ad) => ad.id),
    );
    expect(deletedIds.size).toBeGreaterThan(0);
    const input = syncInput(account, 90);
    const result = await linkedInConnector.syncWindow(input);
    if (!result.ok) throw new Error(result.error.message);
    const truth = fake.ctx.world.groundTruth('linkedin', account.externalId, input.window.from, input.window.to, TEST_NOW);
    expect(truth.some((f) => deletedIds.has(f.adId))).toBe(true);
    expect(comparableRows(result.rows)).toEqual(truthRows(truth));
    expect(result.entities.ads.filter((ad) => deletedIds.has(ad.externalId)).map((ad) => ad.status)).toEqual(
      [...deletedIds].map(() => 'deleted'),
    );
  });

  it('refreshes the access token without extending the refresh token', async () => {
    const refreshed = await linkedInConnector.oauth.refresh!({ http: { fetch, baseUrl: fake.base }, app: FAKE_APP, refreshToken });
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    expect(refreshed.tokens.refreshToken).toBe(refreshToken);
    expect(refreshed.tokens.refreshTokenExpiresInSeconds).toBeLessThanOrEqual(365 * 86_400);
    accessToken = refreshed.tokens.accessToken;
  });

  it('reports the daily member limit as rate_limited without a retry hint', async () => {
    const account = accounts[0]!;
    const regime = fake.ctx.regimes.linkedin;
    const saved = regime.dailyMemberLimit;
    regime.dailyMemberLimit = 1;
    try {
      const result = await linkedInConnector.syncWindow(syncInput(account, 7));
      expect(result).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: null } });
    } finally {
      regime.dailyMemberLimit = saved;
      fake.ctx.calls.reset();
    }
  });

  it('maps injected server errors and truncated bodies to transient', async () => {
    // Two in a row: the read is repeated once, then the window goes back to the queue.
    fake.ctx.faults.add({ service: 'linkedin', kind: 'server_error', remaining: 2 });
    expect(await linkedInConnector.syncWindow(syncInput(accounts[0]!, 7))).toMatchObject({ ok: false, error: { kind: 'transient' } });
    fake.ctx.faults.add({ service: 'linkedin', kind: 'truncated_body', remaining: 2, pathContains: 'adAnalytics' });
    expect(await linkedInConnector.syncWindow(syncInput(accounts[0]!, 7))).toMatchObject({ ok: false, error: { kind: 'transient' } });
  });

  it('maps a revoked token to auth_failed', async () => {
    fake.ctx.faults.add({ service: 'linkedin', kind: 'revoked_token', remaining: 1 });
    expect(await linkedInConnector.syncWindow(syncInput(accounts[0]!, 7))).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
  });
});
