import { describe, expect, it } from 'vitest';
import { convertMicrosThroughEur, parseRate } from '../fx/decimal-rate';
import { createRateBook } from '../fx/rate-book';
import { aggregateRows, mergeNotes, type ReportRow } from './aggregate';

const row = (key: string, date: string, currency: string, spendMicros: number, extra: Partial<ReportRow> = {}): ReportRow => ({
  adAccountId: 'acct',
  key,
  date,
  currency,
  spendMicros,
  impressions: 100,
  clicks: 10,
  conversions: 1.5,
  conversionValueMicros: spendMicros * 2,
  ...extra,
});

const book = createRateBook([
  { date: '2026-11-02', quote: 'USD', rate: '1.0823' },
  { date: '2026-11-03', quote: 'USD', rate: '1.0901' },
  { date: '2026-11-02', quote: 'JPY', rate: '163.24' },
  { date: '2026-11-03', quote: 'JPY', rate: '164.1' },
]);

describe('aggregateRows in the original currencies', () => {
  it('sums each group per currency and never across currencies', () => {
    const rows = [row('a', '2026-11-02', 'USD', 10), row('a', '2026-11-03', 'USD', 5), row('b', '2026-11-02', 'EUR', 7)];
    const { cells, conversion } = aggregateRows(rows, () => 'all', { kind: 'original' });
    expect(conversion).toBeNull();
    expect(cells).toEqual([
      { group: 'all', currency: 'USD', spendMicros: 15, impressions: 200, clicks: 20, conversions: 3, conversionValueMicros: 30 },
      { group: 'all', currency: 'EUR', spendMicros: 7, impressions: 100, clicks: 10, conversions: 1.5, conversionValueMicros: 14 },
    ]);
  });

  it('groups by whatever the caller names (here the date)', () => {
    const rows = [row('a', '2026-11-02', 'USD', 10), row('b', '2026-11-02', 'USD', 1), row('a', '2026-11-03', 'USD', 5)];
    const { cells } = aggregateRows(rows, (r) => r.date, { kind: 'original' });
    expect(cells.map((c) => [c.group, c.spendMicros])).toEqual([
      ['2026-11-02', 11],
      ['2026-11-03', 5],
    ]);
  });
});

describe('aggregateRows in the reporting currency', () => {
  const mode = { kind: 'reporting' as const, currency: 'EUR', book };

  it('converts each row at its own date and rounds each total once', () => {
    const rows = [row('a', '2026-11-02', 'USD', 1_000_000), row('a', '2026-11-03', 'USD', 1_000_000), row('b', '2026-11-02', 'EUR', 3)];
    const { cells, conversion } = aggregateRows(rows, () => 'all', mode);
    const exact = 1_000_000 / 1.0823 + 1_000_000 / 1.0901 + 3;
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ currency: 'EUR', spendMicros: Math.round(exact), impressions: 300, clicks: 30, conversions: 4.5 });
    expect(conversion?.rates.map((r) => [r.date, r.currency, r.eurRate])).toEqual([
      ['2026-11-02', 'USD', '1.0823'],
      ['2026-11-03', 'USD', '1.0901'],
    ]);
    expect(conversion?.rateDates).toEqual({ from: '2026-11-02', to: '2026-11-03' });
  });

  it('equals the sum of per-fact conversions however the facts were grouped', () => {
    const facts = [333_333, 1, 7_777_777, 42].map((spend, i) => row(`ad${i}`, '2026-11-02', 'JPY', spend));
    const perFact = aggregateRows(facts, () => 'all', mode).cells[0]!.spendMicros;
    const grouped = aggregateRows(
      [
        row(
          'acct',
          '2026-11-02',
          'JPY',
          facts.reduce((s, f) => s + f.spendMicros, 0),
        ),
      ],
      () => 'all',
      mode,
    ).cells[0]!.spendMicros;
    expect(perFact).toBe(grouped);
    expect(grouped).toBe(convertMicrosThroughEur(8_111_153, parseRate('163.24'), parseRate('1')));
  });

  it('uses the previous business day rate on a weekend and leaves out rows without any rate, naming them', () => {
    const rows = [row('a', '2026-11-04', 'USD', 1_000_000), row('a', '2026-11-04', 'GBP', 5)];
    const { cells, conversion } = aggregateRows(rows, () => 'all', mode);
    expect(cells[0]?.spendMicros).toBe(Math.round(1_000_000 / 1.0901));
    expect(conversion?.rates[0]).toMatchObject({ date: '2026-11-04', rateDate: '2026-11-03' });
    expect(conversion?.missing).toEqual([{ currency: 'GBP', days: 1, dates: ['2026-11-04'] }]);
  });

  it('merges the notes of a period and its comparison', () => {
    const a = aggregateRows([row('a', '2026-11-02', 'GBP', 1)], () => 'x', mode).conversion;
    const b = aggregateRows([row('a', '2026-11-03', 'GBP', 1), row('a', '2026-11-03', 'USD', 1)], () => 'x', mode).conversion;
    const merged = mergeNotes(a, b);
    expect(merged?.missing).toEqual([{ currency: 'GBP', days: 2, dates: ['2026-11-02', '2026-11-03'] }]);
    expect(merged?.rates).toHaveLength(1);
    expect(mergeNotes(null, b)).toBe(b);
  });
});
