import { env } from 'cloudflare:test';
import { afterAll, describe, expect, it } from 'vitest';
import { settlingDays } from '../../worker/env';
import { enqueueSyncs } from '../../worker/jobs/enqueue';
import { planSyncMessage } from '../../worker/jobs/plan';
import {
  connectedTenant,
  control,
  deliver,
  eventually,
  fakeCalls,
  storedFacts,
  syncMessage,
  syncOutcomes,
  truthFacts,
} from './pipeline-support';
import { closeWhenIdle, superDb } from './support';
import { workerConfig } from './sync-support';

/**
 * Every other suite freezes the fakes' clock and lifts Google's per-customer QPS limit. Here the
 * clock moves, under the test's control: Google's one-second window reopens, and the account's day
 * turns over at Berlin midnight, while syncs go through the real queue consumer.
 */
const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

const setClock = (iso: string) => control<{ now: string }>('/clock', { method: 'POST', body: JSON.stringify({ set: iso }) });
const advanceClock = (ms: number) => control<{ now: string }>('/clock', { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
const setGoogleQps = (qps: number) => control('/regimes/google_ads', { method: 'PUT', body: JSON.stringify({ qpsPerCustomer: qps }) });

describe('a moving fake clock', () => {
  it('reopens Google’s per-second window for a throttled sync and crosses the account’s midnight, with exact numbers', async () => {
    const frozenAt = (await control<{ now: string }>('/clock')).now;
    try {
      // Ten minutes before Berlin midnight: the grant (one hour) outlives the whole test on the fake's clock.
      await setClock('2026-11-29T22:50:00.000Z');
      const tenant = await connectedTenant(arranged.db, 'google_ads', 'partner-b');
      const [account] = tenant.accounts;
      const target = { tenantId: tenant.tenantId, adAccountId: account!.id, platform: 'google_ads' as const, timeZone: 'Europe/Berlin' };
      const before = (await fakeCalls('google_ads', { accountId: account!.externalId })).length;
      await setGoogleQps(1);

      // 23:59:59.4 in Berlin: the hot lane is yesterday and today.
      const t1 = new Date((await setClock('2026-11-29T22:59:59.400Z')).now);
      const hot = planSyncMessage('hot', target, t1, settlingDays(workerConfig()));
      expect(hot).toMatchObject({ from: '2026-11-28', to: '2026-11-29' });
      expect((await deliver('tidemark-sync', [hot])).explicitAcks).toHaveLength(1);

      // A second request in the same second: Google answers RESOURCE_TEMPORARILY_EXHAUSTED, the job defers.
      const week = syncMessage(tenant.tenantId, account!.id, '2026-11-22', '2026-11-27');
      expect((await deliver('tidemark-sync', [week])).explicitAcks).toHaveLength(1);
      expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['rate_limited']);

      // One second later the window has reopened and it is 00:00:00.4 on the 30th in Berlin.
      const t2 = new Date((await advanceClock(1000)).now);
      await eventually(
        () => syncOutcomes(arranged.db, tenant.tenantId, 'manual'),
        (runs) => runs.length >= 2,
        30_000,
      );
      expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['rate_limited', 'ok']);

      // Twenty minutes into the 30th: the next hot run, sent through the real queue. (The account's
      // own budget may hold it back a moment after the throttle; the consumer defers it, never fails it.)
      const t3 = new Date((await advanceClock(20 * 60_000)).now);
      const nextHot = planSyncMessage('hot', target, t3, settlingDays(workerConfig()));
      expect(nextHot).toMatchObject({ from: '2026-11-29', to: '2026-11-30' });
      await enqueueSyncs(env, [nextHot]);
      const hotRuns = await eventually(
        () => syncOutcomes(arranged.db, tenant.tenantId, 'hot'),
        (runs) => runs.some((r) => r.windowTo === '2026-11-30'),
        30_000,
      );
      expect(hotRuns.map((r) => `${r.outcome} ${r.windowFrom}..${r.windowTo}`)).toEqual([
        'ok 2026-11-28..2026-11-29',
        'ok 2026-11-29..2026-11-30',
      ]);

      const calls = (await fakeCalls('google_ads', { accountId: account!.externalId })).slice(before);
      expect(calls.map((c) => [c.status, c.at])).toEqual([
        [200, t1.getTime()],
        [429, t1.getTime()],
        [200, t2.getTime()],
        [200, t3.getTime()],
      ]);
      // Each day holds what the platform reported at the last sync that read it.
      const id = account!.externalId;
      expect(await storedFacts(arranged.db, account!.id, '2026-11-22', '2026-11-27')).toEqual(
        await truthFacts('google_ads', id, '2026-11-22', '2026-11-27', t2),
      );
      expect(await storedFacts(arranged.db, account!.id, '2026-11-28', '2026-11-28')).toEqual(
        await truthFacts('google_ads', id, '2026-11-28', '2026-11-28', t1),
      );
      // At 23:59:59 the 29th was today with 23 of its hours delivered; after midnight it is a whole day.
      const impressions = (facts: Array<{ impressions: number }>) => facts.reduce((sum, f) => sum + f.impressions, 0);
      const lateEvening = await truthFacts('google_ads', id, '2026-11-29', '2026-11-29', t1);
      const wholeDay = await truthFacts('google_ads', id, '2026-11-29', '2026-11-29', t3);
      expect(impressions(wholeDay)).toBeGreaterThan(impressions(lateEvening));
      expect(await storedFacts(arranged.db, account!.id, '2026-11-29', '2026-11-30')).toEqual(
        await truthFacts('google_ads', id, '2026-11-29', '2026-11-30', t3),
      );
    } finally {
      await setGoogleQps(1_000_000);
      await setClock(frozenAt);
    }
  });
});
