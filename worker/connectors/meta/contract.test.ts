/** The Meta connector against the local fakes (startFakes) over real HTTP: OAuth, accounts, sync = ground truth, throttling. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes } from '../../../dev/fakes/testing';
import { addDays, localToday } from '../../lib/dates';
import { comparableRows, consentCode, FAKE_APP, FAKE_REDIRECT_URI, truthRows } from '../testing/contract';
import type { DiscoveredAccount, SyncInput } from '../types';
import { metaConnector } from './index';

const NOW = new Date('2026-11-29T15:00:00Z');
let fake: { url: string; ctx: Awaited<ReturnType<typeof startFakes>>['ctx']; close(): Promise<void> };
let accessToken: string;
let accounts: DiscoveredAccount[];

beforeAll(async () => {
  const fakes = await startFakes({ now: NOW, speed: 0, seed: 11 });
  fake = { url: `${fakes.url}/meta`, ctx: fakes.ctx, close: () => fakes.close() };
  const code = await consentCode(metaConnector.oauth.authorizeUrl, fake.url);
  const exchanged = await metaConnector.oauth.exchangeCode({
    http: { fetch, baseUrl: fake.url },
    app: FAKE_APP,
    code,
    redirectUri: FAKE_REDIRECT_URI,
  });
  if (!exchanged.ok) throw new Error(`OAuth failed: ${exchanged.error.message}`);
  accessToken = exchanged.tokens.accessToken;
  expect(exchanged.tokens.accessTokenExpiresInSeconds).toBeGreaterThan(50 * 86_400);
  const listed = await metaConnector.listAccounts({ credentials: { accessToken }, http: { fetch, baseUrl: fake.url } });
  if (!listed.ok) throw new Error(`listAccounts failed: ${listed.error.message}`);
  accounts = listed.accounts;
});
afterAll(() => fake?.close());

function syncInput(account: DiscoveredAccount, days: number, extra: Partial<SyncInput> = {}): SyncInput {
  const to = addDays(localToday(account.timeZone, NOW), -1);
  return {
    account: { externalId: account.externalId, currency: account.currency, timeZone: account.timeZone },
    window: { from: addDays(to, -(days - 1)), to },
    cursor: null,
    credentials: { accessToken },
    http: { fetch, baseUrl: fake.url },
    options: { maxAsyncPolls: 20 },
    ...extra,
  };
}
const accountIn = (currency: string) => {
  const found = accounts.find((a) => a.currency === currency);
  if (!found) throw new Error(`no ${currency} account among ${accounts.map((a) => a.currency).join(', ')}`);
  return found;
};

describe('Meta connector against the Meta fake', () => {
  it('discovers every account the demo member granted, with currency and time zone', () => {
    expect(accounts.map((a) => a.currency).sort()).toEqual(['EUR', 'JPY', 'USD']);
    expect(accountIn('JPY').timeZone).toBe('Asia/Tokyo');
  });

  it.each(['USD', 'EUR', 'JPY'])('reproduces the ground truth of a %s account over 30 days with one insights call', async (currency) => {
    const account = accountIn(currency);
    const input = syncInput(account, 30);
    fake.ctx.calls.reset();
    const result = await metaConnector.syncWindow(input);
    if (!result.ok) throw new Error(result.error.message);
    const truth = fake.ctx.world.groundTruth('meta', account.externalId, input.window.from, input.window.to, NOW);
    expect(truth.length).toBeGreaterThan(0);
    expect(comparableRows(result.rows)).toEqual(truthRows(truth));
    const insightCalls = fake.ctx.calls.list({ service: 'meta' }).filter((c) => c.path.endsWith('/insights'));
    expect(insightCalls).toHaveLength(1);
    if (currency === 'JPY') for (const row of result.rows) expect(row.spendMicros % 1_000_000).toBe(0);
  });

  it('keeps the spend of deleted ads and reports them as deleted entities', async () => {
    const account = accountIn('USD');
    const deleted = fake.ctx.world.ads('meta', account.externalId).filter((ad) => ad.status === 'DELETED');
    expect(deleted.length).toBeGreaterThan(0);
    const input = syncInput(account, 90);
    // 90 days go through a report job: the first call creates it, the continuation reads it.
    const pending = await metaConnector.syncWindow(input);
    if (!pending.ok) throw new Error(pending.error.message);
    const result = await metaConnector.syncWindow({ ...input, cursor: pending.nextCursor });
    if (!result.ok) throw new Error(result.error.message);
    const deletedIds = new Set(deleted.map((ad) => ad.id));
    const truth = fake.ctx.world.groundTruth('meta', account.externalId, input.window.from, input.window.to, NOW);
    const deletedTruth = truth.filter((f) => deletedIds.has(f.adId));
    expect(deletedTruth.length).toBeGreaterThan(0);
    expect(comparableRows(result.rows)).toEqual(truthRows(truth));
    expect(result.entities.ads.filter((ad) => deletedIds.has(ad.externalId)).every((ad) => ad.status === 'deleted')).toBe(true);
  });

  it('goes through an async report for a 90-day window and gets the same rows', async () => {
    const account = accountIn('EUR');
    fake.ctx.calls.reset();
    const input = syncInput(account, 90, { options: { maxAsyncPolls: 20, includeEntities: false } });
    const pending = await metaConnector.syncWindow(input);
    if (!pending.ok) throw new Error(pending.error.message);
    expect(pending.rows).toEqual([]);
    // The next delivery resumes the report from the cursor and polls it to completion.
    const result = await metaConnector.syncWindow({ ...input, cursor: pending.nextCursor });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.nextCursor).toBeNull();
    expect(comparableRows(result.rows)).toEqual(
      truthRows(fake.ctx.world.groundTruth('meta', account.externalId, input.window.from, input.window.to, NOW)),
    );
    expect(fake.ctx.calls.list({ service: 'meta' }).some((c) => c.method === 'POST' && c.path.endsWith('/insights'))).toBe(true);
  });

  it('stops with a transient failure when the fake repeats a paging cursor, instead of reading the same page forever', async () => {
    const account = accountIn('USD');
    const input = syncInput(account, 365, { options: { maxAsyncPolls: 20, includeEntities: false } });
    // More than two 500-row pages of the report, so a page reached with a cursor exists to repeat it.
    expect(fake.ctx.world.groundTruth('meta', account.externalId, input.window.from, input.window.to, NOW).length).toBeGreaterThan(1_000);
    const created = await metaConnector.syncWindow(input);
    if (!created.ok) throw new Error(created.error.message);
    fake.ctx.calls.reset();
    fake.ctx.faults.add({
      service: 'meta',
      kind: 'repeat_cursor',
      accountId: account.externalId,
      pathContains: '/insights',
      remaining: Number.POSITIVE_INFINITY,
    });
    try {
      const result = await metaConnector.syncWindow({ ...input, cursor: created.nextCursor });
      expect(result).toMatchObject({ ok: false, error: { kind: 'transient', message: expect.stringContaining('already returned') } });
      expect(fake.ctx.calls.list({ service: 'meta' }).filter((c) => c.path.endsWith('/insights')).length).toBeLessThanOrEqual(3);
    } finally {
      fake.ctx.faults.clear('meta');
    }
  });

  it('turns an exhausted ad-account budget into rate_limited with the regain-access hint', async () => {
    const account = accountIn('USD');
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 1;
    try {
      let result = await metaConnector.syncWindow(syncInput(account, 7));
      for (let i = 0; i < 3 && result.ok; i++) result = await metaConnector.syncWindow(syncInput(account, 7));
      if (result.ok) throw new Error('expected a rate limit');
      expect(result.error).toMatchObject({ kind: 'rate_limited', scope: expect.stringMatching(/account|user/) });
      if (result.error.kind === 'rate_limited') expect(result.error.retryAfterMs).toBeGreaterThan(0);
      expect(result.usage.some((u) => u.scope === 'account' && u.utilPct >= 100)).toBe(true);
    } finally {
      delete fake.ctx.regimes.meta.accountCallsPerHourOverride;
      fake.ctx.calls.reset();
    }
  });

  it('maps injected throttle, server-error and truncated-body faults to rate_limited and transient', async () => {
    const account = accountIn('USD');
    fake.ctx.faults.add({ service: 'meta', kind: 'rate_limit', remaining: 1 });
    const limited = await metaConnector.syncWindow(syncInput(account, 7));
    expect(limited).toMatchObject({ ok: false, error: { kind: 'rate_limited' } });

    // Two in a row: the sync repeats a read once, then gives the window back to the queue.
    fake.ctx.faults.add({ service: 'meta', kind: 'server_error', remaining: 2 });
    expect(await metaConnector.syncWindow(syncInput(account, 7))).toMatchObject({ ok: false, error: { kind: 'transient' } });

    fake.ctx.faults.add({ service: 'meta', kind: 'truncated_body', remaining: 2 });
    expect(await metaConnector.syncWindow(syncInput(account, 7))).toMatchObject({ ok: false, error: { kind: 'transient' } });
  });

  it('starts a fresh report when Meta fails one, and the window still comes out exact', async () => {
    const account = accountIn('JPY');
    const input = syncInput(account, 90, { options: { maxAsyncPolls: 20, includeEntities: false } });
    fake.ctx.faults.add({ service: 'meta', kind: 'server_error', pathContains: 'async_job', remaining: 1 });
    const first = await metaConnector.syncWindow(input);
    if (!first.ok) throw new Error(first.error.message);
    const restarted = await metaConnector.syncWindow({ ...input, cursor: first.nextCursor });
    if (!restarted.ok) throw new Error(restarted.error.message);
    expect(restarted.rows).toEqual([]);
    expect(JSON.parse(restarted.nextCursor!)).toMatchObject({ restarts: 1 });
    const done = await metaConnector.syncWindow({ ...input, cursor: restarted.nextCursor });
    if (!done.ok) throw new Error(done.error.message);
    expect(done.nextCursor).toBeNull();
    expect(comparableRows(done.rows)).toEqual(
      truthRows(fake.ctx.world.groundTruth('meta', account.externalId, input.window.from, input.window.to, NOW)),
    );
  });

  it('repeats an insights read Meta timed out, and hands a window it times out twice to an async report', async () => {
    const account = accountIn('USD');
    const input = syncInput(account, 7, { options: { includeEntities: false, maxAsyncPolls: 20 } });
    const clean = await metaConnector.syncWindow(input);
    if (!clean.ok) throw new Error(clean.error.message);
    fake.ctx.faults.add({ service: 'meta', kind: 'timeout', delayMs: 0, remaining: 1, pathContains: '/insights' });
    const retried = await metaConnector.syncWindow(input);
    if (!retried.ok) throw new Error(retried.error.message);
    expect(comparableRows(retried.rows)).toEqual(comparableRows(clean.rows));

    fake.ctx.faults.add({ service: 'meta', kind: 'timeout', delayMs: 0, remaining: 2, pathContains: '/insights' });
    const pending = await metaConnector.syncWindow(input);
    if (!pending.ok) throw new Error(pending.error.message);
    expect(pending.rows).toEqual([]);
    expect(pending.nextCursor).not.toBeNull();
    const viaReport = await metaConnector.syncWindow({ ...input, cursor: pending.nextCursor });
    if (!viaReport.ok) throw new Error(viaReport.error.message);
    expect(comparableRows(viaReport.rows)).toEqual(comparableRows(clean.rows));
  });

  it('repeats a read that failed in passing once and completes the window with one call more', async () => {
    const account = accountIn('USD');
    const clean = await metaConnector.syncWindow(syncInput(account, 7));
    if (!clean.ok) throw new Error(clean.error.message);
    for (const kind of ['server_error', 'truncated_body'] as const) {
      fake.ctx.faults.add({ service: 'meta', kind, remaining: 1 });
      const retried = await metaConnector.syncWindow(syncInput(account, 7));
      if (!retried.ok) throw new Error(retried.error.message);
      expect(comparableRows(retried.rows)).toEqual(comparableRows(clean.rows));
      expect(retried.apiCalls).toBe(clean.apiCalls + 1);
    }
  });

  it('returns hourly rows for the hot lane that add up to the daily rows', async () => {
    const account = accountIn('USD');
    const today = localToday(account.timeZone, NOW);
    const input = { ...syncInput(account, 2), window: { from: addDays(today, -1), to: today } };
    const result = await metaConnector.syncWindow({ ...input, options: { includeHourly: true, includeEntities: false } });
    if (!result.ok) throw new Error(result.error.message);
    expect(comparableRows(result.rows)).toEqual(
      truthRows(fake.ctx.world.groundTruth('meta', account.externalId, input.window.from, today, NOW)),
    );
    const hourly = result.hourly ?? [];
    expect(hourly.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      const hours = hourly.filter((h) => h.adId === row.adId && h.date === row.date);
      expect(hours.reduce((sum, h) => sum + h.spendMicros, 0)).toBe(row.spendMicros);
      expect(hours.reduce((sum, h) => sum + h.impressions, 0)).toBe(row.impressions);
    }
  });

  // Last: a revoked token stays revoked for the rest of the suite.
  it('maps a revoked token to auth_failed', async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'revoked_token', remaining: 1 });
    expect(await metaConnector.syncWindow(syncInput(accountIn('USD'), 7))).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
  });
});
