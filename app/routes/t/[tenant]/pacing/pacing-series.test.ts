import { describe, expect, it } from 'vitest';
import { describePace, formatHour, mapPacingSeries } from './pacing-series';

const row = (date: string, hour: number, spendMicros: number, currency = 'USD') => ({ date, hour, currency, spendMicros });
const previousDates = ['2026-11-27', '2026-11-28'];

describe('pacing series', () => {
  it('adds up today’s hours from midnight and stops at the hours reached so far', () => {
    const [usd] = mapPacingSeries([row('2026-11-29', 0, 1_000_000), row('2026-11-29', 2, 3_000_000)], '2026-11-29', previousDates, 3);
    expect(usd!.today).toEqual([
      { hour: 0, spendMicros: 0 },
      { hour: 1, spendMicros: 1_000_000 },
      { hour: 2, spendMicros: 1_000_000 },
      { hour: 3, spendMicros: 4_000_000 },
    ]);
  });

  it('averages the previous days that have hourly rows over the whole day, and compares today by the same hour', () => {
    const rows = [
      row('2026-11-27', 0, 2_000_000),
      row('2026-11-27', 10, 8_000_000),
      row('2026-11-28', 0, 4_000_000),
      row('2026-11-29', 0, 3_300_000),
    ];
    const [usd] = mapPacingSeries(rows, '2026-11-29', previousDates, 1);
    expect(usd!.previous.map((d) => d.date)).toEqual(previousDates);
    expect(usd!.average).toHaveLength(25);
    expect(usd!.average![1]).toEqual({ hour: 1, spendMicros: 3_000_000 });
    expect(usd!.average![24]).toEqual({ hour: 24, spendMicros: 7_000_000 });
    expect(usd!.pace).toBeCloseTo(1.1);
  });

  it('leaves out previous days without hourly rows instead of counting them as zero spend', () => {
    const [usd] = mapPacingSeries([row('2026-11-28', 0, 4_000_000), row('2026-11-29', 0, 1_000_000)], '2026-11-29', previousDates, 24);
    expect(usd!.previous.map((d) => d.date)).toEqual(['2026-11-28']);
    expect(usd!.average![24]!.spendMicros).toBe(4_000_000);
  });

  it('has no average and no pace without previous days', () => {
    const [usd] = mapPacingSeries([row('2026-11-29', 5, 1_000_000)], '2026-11-29', previousDates, 24);
    expect(usd!.average).toBeNull();
    expect(usd!.pace).toBeNull();
  });

  it('keeps currencies apart, the one with the most spend today first', () => {
    const series = mapPacingSeries(
      [row('2026-11-29', 1, 1_000_000, 'EUR'), row('2026-11-29', 1, 9_000_000, 'JPY'), row('2026-11-28', 1, 50_000_000, 'EUR')],
      '2026-11-29',
      previousDates,
      24,
    );
    expect(series.map((s) => s.currency)).toEqual(['JPY', 'EUR']);
    expect(series[1]!.average![24]!.spendMicros).toBe(50_000_000);
  });

  it('ignores rows outside the 24 hours of a day', () => {
    const [usd] = mapPacingSeries([row('2026-11-29', 24, 1_000_000), row('2026-11-29', 1, 2)], '2026-11-29', previousDates, 24);
    expect(usd!.today[24]!.spendMicros).toBe(2);
  });
});

describe('pacing labels', () => {
  it('labels the end of each hour on a 24-hour clock', () => {
    expect(formatHour(0)).toBe('00:00');
    expect(formatHour(14)).toBe('14:00');
    expect(formatHour(24)).toBe('24:00');
  });

  it('says how far ahead of or behind the usual pace today is', () => {
    expect(describePace(1.123)).toBe('12% ahead of');
    expect(describePace(0.97)).toBe('3% behind');
    expect(describePace(1.001)).toBe('on par with');
    expect(describePace(null)).toBeNull();
  });
});
