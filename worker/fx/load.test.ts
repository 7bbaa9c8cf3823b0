import { describe, expect, it } from 'vitest';
import { FX_CHUNK_DAYS, MAX_FX_BACKFILL_DAYS, planFxLoad } from './load';

describe('planning a rates load', () => {
  it('first load: backfills from four days before the earliest fact to today, oldest chunk first', () => {
    const plan = planFxLoad({ stored: null, earliestFact: '2026-10-05', today: '2026-11-30' });
    expect(plan.backward).toEqual([]);
    expect(plan.forward).toEqual([{ from: '2026-10-01', to: '2026-11-30' }]);
  });

  it('bounds the backfill and splits it into provider-sized chunks', () => {
    const plan = planFxLoad({ stored: null, earliestFact: '2010-01-01', today: '2026-11-30' });
    const days = plan.forward.reduce((n, w) => n + (Date.parse(w.to) - Date.parse(w.from)) / 86_400_000 + 1, 0);
    expect(days).toBe(MAX_FX_BACKFILL_DAYS + 4 + 1);
    expect(plan.forward.every((w) => (Date.parse(w.to) - Date.parse(w.from)) / 86_400_000 < FX_CHUNK_DAYS)).toBe(true);
    expect(plan.forward.at(-1)!.to).toBe('2026-11-30');
  });

  it('later loads: asks again from the last stored day (it may still change) to today', () => {
    const plan = planFxLoad({ stored: { first: '2026-09-26', last: '2026-11-27' }, earliestFact: '2026-10-01', today: '2026-11-30' });
    expect(plan).toEqual({ forward: [{ from: '2026-11-27', to: '2026-11-30' }], backward: [] });
  });

  it('an account with older history extends the stored span backwards, newest chunk first', () => {
    const plan = planFxLoad({ stored: { first: '2026-09-26', last: '2026-11-30' }, earliestFact: '2026-03-01', today: '2026-11-30' });
    expect(plan.backward[0]!.to).toBe('2026-09-25');
    expect(plan.backward.at(-1)!.from).toBe('2026-02-25');
    expect(plan.backward[0]!.from > plan.backward.at(-1)!.from).toBe(true);
  });

  it('without any facts, loads only the last few days', () => {
    expect(planFxLoad({ stored: null, earliestFact: null, today: '2026-11-30' }).forward).toEqual([
      { from: '2026-11-26', to: '2026-11-30' },
    ]);
  });
});
