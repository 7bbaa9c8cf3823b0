import { describe, expect, it } from 'vitest';
import { simulatedMs } from '../../../worker/lib/clock';
import { createClock } from './clock';

function manualRealTime(start = 1_000_000) {
  let now = start;
  return { realNow: () => now, tick: (ms: number) => (now += ms) };
}

describe('clock', () => {
  it('starts at the given instant and follows real time at speed 1', () => {
    const real = manualRealTime();
    const clock = createClock({ now: new Date('2026-11-29T00:00:00Z'), realNow: real.realNow });
    real.tick(5_000);
    expect(clock.now().toISOString()).toBe('2026-11-29T00:00:05.000Z');
  });

  it('runs sixty times faster at speed 60 and stands still at speed 0', () => {
    const real = manualRealTime();
    const clock = createClock({ now: new Date('2026-11-29T00:00:00Z'), realNow: real.realNow });
    clock.setSpeed(60);
    real.tick(1_000);
    expect(clock.now().toISOString()).toBe('2026-11-29T00:01:00.000Z');
    clock.setSpeed(0);
    real.tick(10_000);
    expect(clock.now().toISOString()).toBe('2026-11-29T00:01:00.000Z');
  });

  it('can be set and advanced', () => {
    const real = manualRealTime();
    const clock = createClock({ now: new Date('2026-11-29T00:00:00Z'), speed: 0, realNow: real.realNow });
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe('2026-11-29T01:00:00.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('rejects a negative speed', () => {
    expect(() => createClock().setSpeed(-1)).toThrow(RangeError);
  });

  it("reads its start instant at the real anchor, as the Worker's TIME_SCALE does, however late it is created", () => {
    const real = manualRealTime(1_000_000);
    real.tick(30_000); // created half a minute of real time after the anchor
    const clock = createClock({ now: new Date('2026-11-01T00:00:00Z'), speed: 120, realAnchorMs: 1_000_000, realNow: real.realNow });
    expect(clock.now().toISOString()).toBe(new Date(simulatedMs(scale, real.realNow())).toISOString());
    expect(clock.now().toISOString()).toBe('2026-11-01T01:00:00.000Z');
  });
});

const scale = { simEpochMs: Date.parse('2026-11-01T00:00:00Z'), realAnchorMs: 1_000_000, speed: 120 };
