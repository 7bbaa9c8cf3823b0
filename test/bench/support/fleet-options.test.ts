import { describe, expect, it } from 'vitest';
import { describeScale, FLEET_SCALES, fleetAccounts, parseFleetOptions, realRunSeconds, requiredHotSyncsPerSecond } from './fleet-options';

describe('parseFleetOptions', () => {
  it('runs the small scale without flags', () => {
    expect(parseFleetOptions([]).scale).toEqual(FLEET_SCALES.small);
  });

  it('reads --scale full and --speed, with or without =, after npm’s --', () => {
    expect(parseFleetOptions(['--', '--scale', 'full']).scale.name).toBe('full');
    expect(parseFleetOptions(['--scale=full', '--speed=50']).scale).toEqual({ ...FLEET_SCALES.full, speed: 50 });
  });

  it('reads --days, whole slots only, to run a scale for part of its schedule', () => {
    expect(parseFleetOptions(['--scale', 'full', '--days', '0.25']).scale).toEqual({ ...FLEET_SCALES.full, days: 0.25 });
    expect(() => parseFleetOptions(['--days', '0.01'])).toThrow(/whole number of 15-minute slots/);
    expect(() => parseFleetOptions(['--days', '-1'])).toThrow(/above 0/);
  });

  it('refuses an unknown scale, a speed of zero and unknown flags', () => {
    expect(() => parseFleetOptions(['--scale', 'huge'])).toThrow(/small or full/);
    expect(() => parseFleetOptions(['--speed', '0'])).toThrow(/above 0/);
    expect(() => parseFleetOptions(['--tenants', '3'])).toThrow(/unknown flag/);
  });
});

describe('the full scale', () => {
  it("is at least the issue's minimum: 20 tenants x 3 platforms x 5 accounts over 14 days, with connects during the run", () => {
    const full = FLEET_SCALES.full;
    expect(fleetAccounts(full)).toBe(300);
    expect(full.days).toBeGreaterThanOrEqual(14);
    expect(full.lateTenants).toBeGreaterThan(0);
    expect(full.lateBackfillDays).toBe(365);
  });

  it('states its real duration and the hot sync rate it needs from its speed', () => {
    const full = FLEET_SCALES.full;
    expect(realRunSeconds(full)).toBe((14 * 86_400) / full.speed);
    // 300 accounts every 900 / speed real seconds.
    expect(requiredHotSyncsPerSecond({ ...full, speed: 100 })).toBeCloseTo(300 / 9, 6);
    expect(describeScale(full)).toContain('20 tenants x 3 platforms x 5 ad accounts = 300 accounts of 8-24 campaigns, 14 simulated day(s)');
  });
});
