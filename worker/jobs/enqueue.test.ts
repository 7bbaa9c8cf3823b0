import { describe, expect, it } from 'vitest';
import { MAX_DELAY_SECONDS } from './actions';
import { BACKFILL_BURST, BACKFILL_WAVE_SECONDS, backfillDelaySeconds } from './enqueue';

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
