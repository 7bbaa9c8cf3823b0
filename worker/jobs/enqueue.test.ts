import { describe, expect, it } from 'vitest';
import { createClock } from '../lib/clock';
import { MAX_DELAY_SECONDS } from './actions';
import { BACKFILL_BURST, BACKFILL_WAVE_SECONDS, backfillDelaySeconds, enqueueSyncs, realQueueDelay } from './enqueue';
import type { SyncMessage } from './messages';

/** A queue that records what it was sent and, like Cloudflare's, rejects delays over 12 hours. */
function recordingQueue() {
  const sent: Array<{ delaySeconds?: number }> = [];
  const queue = {
    sent,
    async sendBatch(messages: Iterable<{ delaySeconds?: number }>) {
      for (const m of messages) {
        if ((m.delaySeconds ?? 0) > MAX_DELAY_SECONDS) throw new Error(`delaySeconds ${m.delaySeconds} exceeds the maximum`);
        sent.push(m);
      }
    },
  };
  return queue as typeof queue & Queue;
}

const message = (lane: SyncMessage['lane']): SyncMessage => ({
  kind: 'sync',
  tenantId: '7e1d0a00-0000-4000-8000-0000000000a1',
  adAccountId: '7e1d0a00-0000-4000-8000-0000000000a2',
  lane,
  from: '2026-11-29',
  to: '2026-11-30',
  cursor: null,
  enqueuedAt: '2026-11-30T09:20:00.000Z',
  deferrals: 0,
});

describe('backfillDelaySeconds', () => {
  it('starts the first burst at once and each further burst a wave later', () => {
    expect(backfillDelaySeconds(0)).toBe(0);
    expect(backfillDelaySeconds(BACKFILL_BURST - 1)).toBe(0);
    expect(backfillDelaySeconds(BACKFILL_BURST)).toBe(BACKFILL_WAVE_SECONDS);
    expect(backfillDelaySeconds(BACKFILL_BURST * 3 + 5)).toBe(3 * BACKFILL_WAVE_SECONDS);
  });

  it('never exceeds the queue’s longest delay', () => {
    expect(backfillDelaySeconds(10_000_000)).toBe(MAX_DELAY_SECONDS);
  });
});

describe('enqueueSyncs', () => {
  it('clamps a wait longer than the queue allows instead of failing the send', async () => {
    const queues = { SYNC_QUEUE: recordingQueue(), BACKFILL_QUEUE: recordingQueue() };
    await enqueueSyncs(queues, [message('hot'), message('backfill')], 90_000.5);
    expect(queues.SYNC_QUEUE.sent.map((m) => m.delaySeconds)).toEqual([MAX_DELAY_SECONDS]);
    expect(queues.BACKFILL_QUEUE.sent.map((m) => m.delaySeconds)).toEqual([MAX_DELAY_SECONDS]);
  });
});

describe('enqueueSyncs under a time scale', () => {
  const clock = createClock({ simEpochMs: Date.parse('2026-11-01T00:00:00Z'), realAnchorMs: 0, speed: 60 });

  it('waits the simulated delay divided by the speed, rounded up', async () => {
    const queues = { SYNC_QUEUE: recordingQueue(), BACKFILL_QUEUE: recordingQueue() };
    await enqueueSyncs(queues, [message('hot')], 3601, clock);
    expect(queues.SYNC_QUEUE.sent.map((m) => m.delaySeconds)).toEqual([61]);
  });

  it('spreads backfill waves in simulated time', async () => {
    const queues = { SYNC_QUEUE: recordingQueue(), BACKFILL_QUEUE: recordingQueue() };
    await enqueueSyncs(
      queues,
      Array.from({ length: BACKFILL_BURST * 2 + 1 }, () => message('backfill')),
      0,
      clock,
    );
    const delays = new Set(queues.BACKFILL_QUEUE.sent.map((m) => m.delaySeconds));
    expect([...delays]).toEqual([0, Math.ceil(BACKFILL_WAVE_SECONDS / 60), Math.ceil((2 * BACKFILL_WAVE_SECONDS) / 60)]);
  });

  it('clamps to the queue maximum in simulated time first, as production would, then scales', () => {
    expect(realQueueDelay(clock, 90_000)).toBe(MAX_DELAY_SECONDS / 60);
    expect(realQueueDelay(createClock(), 90_000)).toBe(MAX_DELAY_SECONDS);
  });
});
