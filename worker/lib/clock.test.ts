import { describe, expect, it } from 'vitest';
import { clockOf, createClock, formatTimeScale, parseTimeScale, realMsAt, simulatedMs } from './clock';

const EPOCH = Date.parse('2026-11-01T00:00:00.000Z');
const ANCHOR = 1_764_633_600_000;

describe('parseTimeScale', () => {
  it('reads the simulated epoch, the real anchor and the speed', () => {
    expect(parseTimeScale(`2026-11-01T00:00:00.000Z@${ANCHOR}x120`)).toEqual({ simEpochMs: EPOCH, realAnchorMs: ANCHOR, speed: 120 });
  });

  it('accepts a fractional speed', () => {
    expect(parseTimeScale(`2026-11-01T00:00:00Z@${ANCHOR}x0.5`)?.speed).toBe(0.5);
  });

  it.each([
    ['no anchor', '2026-11-01T00:00:00Z x120'],
    ['a date without a time', `2026-11-01@${ANCHOR}x120`],
    ['an impossible date', `2026-13-45T00:00:00Z@${ANCHOR}x120`],
    ['a speed of zero', `2026-11-01T00:00:00Z@${ANCHOR}x0`],
    ['a negative anchor', `2026-11-01T00:00:00Z@-5x10`],
    ['no speed', `2026-11-01T00:00:00Z@${ANCHOR}`],
  ])('refuses %s', (_, text) => {
    expect(parseTimeScale(text)).toBeNull();
  });

  it('round-trips through formatTimeScale', () => {
    const scale = { simEpochMs: EPOCH, realAnchorMs: ANCHOR, speed: 96 };
    expect(parseTimeScale(formatTimeScale(scale))).toEqual(scale);
  });
});

describe('the scaled clock', () => {
  const scale = { simEpochMs: EPOCH, realAnchorMs: ANCHOR, speed: 60 };

  it('is at the simulated epoch at the real anchor and runs speed times faster after it', () => {
    expect(simulatedMs(scale, ANCHOR)).toBe(EPOCH);
    // One real minute is one simulated hour at speed 60.
    expect(new Date(simulatedMs(scale, ANCHOR + 60_000)).toISOString()).toBe('2026-11-01T01:00:00.000Z');
  });

  it('finds the real instant of a simulated one', () => {
    const slot = Date.parse('2026-11-01T02:30:00.000Z');
    expect(realMsAt(scale, slot)).toBe(ANCHOR + 150_000);
    expect(simulatedMs(scale, realMsAt(scale, slot))).toBe(slot);
  });

  it('reads the simulated time from the real clock it is given', () => {
    let real = ANCHOR + 15_000;
    const clock = createClock(scale, () => real);
    expect(clock.now().toISOString()).toBe('2026-11-01T00:15:00.000Z');
    real += 15_000;
    expect(clock.now().toISOString()).toBe('2026-11-01T00:30:00.000Z');
  });

  it('turns a simulated delay into real seconds rounded up, so it never ends early', () => {
    const clock = createClock(scale);
    expect(clock.realDelaySeconds(3600)).toBe(60);
    expect(clock.realDelaySeconds(61)).toBe(2);
    expect(clock.realDelaySeconds(1)).toBe(1);
    expect(clock.realDelaySeconds(0)).toBe(0);
    expect(clock.realDelaySeconds(-5)).toBe(0);
  });
});

describe('the unscaled clock', () => {
  it('is the wall clock and leaves delays as they are', () => {
    const clock = createClock(null, () => ANCHOR);
    expect(clock.now().getTime()).toBe(ANCHOR);
    expect(clock.realDelaySeconds(90)).toBe(90);
    expect(clock.realDelaySeconds(1.2)).toBe(2);
    expect(clock.scale).toBeNull();
  });

  it('is what a configuration without TIME_SCALE gets', () => {
    expect(clockOf({}).scale).toBeNull();
    expect(clockOf({ TIME_SCALE: `2026-11-01T00:00:00Z@${ANCHOR}x4` }).scale).toEqual({
      simEpochMs: EPOCH,
      realAnchorMs: ANCHOR,
      speed: 4,
    });
  });
});
