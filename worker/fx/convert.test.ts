import { describe, expect, it } from 'vitest';
import { aggregateRows } from '../report/aggregate';
import { describeMissing } from './convert';
import { convertMicrosThroughEur, formatRate, parseRate } from './decimal-rate';
import { createRateBook, MAX_RATE_AGE_DAYS } from './rate-book';

describe('exact rates', () => {
  it('reads a published rate as an exact decimal and writes it back unchanged', () => {
    expect(parseRate('1.0823')).toEqual({ units: 10823n, scale: 4 });
    expect(formatRate(parseRate('163.2400'))).toBe('163.24');
    expect(formatRate(parseRate('0.0062'))).toBe('0.0062');
  });

  it('refuses text that is not a positive plain decimal', () => {
    for (const bad of ['-1.2', '1e-3', '0', 'abc', '']) expect(() => parseRate(bad)).toThrow(RangeError);
  });
});

describe('cross rates through EUR', () => {
  const usd = parseRate('1.0823');
  const jpy = parseRate('163.24');
  const eur = parseRate('1');

  it('converts EUR to USD by multiplying by the published rate, exactly', () => {
    expect(convertMicrosThroughEur(10_000_000, eur, usd)).toBe(10_823_000);
  });

  it('converts USD to JPY with one rounding of the exact quotient, half away from zero', () => {
    // 1 USD = 163.24 / 1.0823 JPY = 150.826942622193...; 1,000,000 micros → 150,826,942.62... → 150,826,943
    expect(convertMicrosThroughEur(1_000_000, usd, jpy)).toBe(150_826_943);
    expect(convertMicrosThroughEur(-1_000_000, usd, jpy)).toBe(-150_826_943);
  });

  it('rounds an exact half away from zero', () => {
    // 1 micro at 1 EUR = 2 X, then X→EUR: 1 / 2 = 0.5 micro → 1
    expect(convertMicrosThroughEur(1, parseRate('2'), eur)).toBe(1);
    expect(convertMicrosThroughEur(-1, parseRate('2'), eur)).toBe(-1);
    expect(convertMicrosThroughEur(1, parseRate('3'), eur)).toBe(0);
  });
});

describe('the rate of each fact’s own date', () => {
  const book = createRateBook([
    { date: '2026-10-01', quote: 'USD', rate: '1.1' },
    { date: '2026-10-02', quote: 'USD', rate: '1.2' },
    { date: '2026-10-02', quote: 'GBP', rate: '0.8' },
  ]);

  it('uses the day’s own rate, and the previous business day’s on a weekend', () => {
    expect(book.eurTo('USD', '2026-10-01')?.rateDate).toBe('2026-10-01');
    expect(book.eurTo('USD', '2026-10-04')).toEqual({ rateDate: '2026-10-02', rate: parseRate('1.2') });
  });

  it(`does not reach back more than ${MAX_RATE_AGE_DAYS} days`, () => {
    expect(book.eurTo('USD', '2026-10-06')?.rateDate).toBe('2026-10-02');
    expect(book.eurTo('USD', '2026-10-07')).toBeNull();
    expect(book.eurTo('USD', '2026-09-30')).toBeNull();
  });

  /** Facts as the report engine reads them, each its own group so every conversion shows. */
  const convertEach = (
    rows: Array<{ date: string; currency: string; spendMicros: number; conversionValueMicros: number }>,
    target: string,
  ) => {
    const facts = rows.map((r, i) => ({ ...r, adAccountId: 'a', key: String(i), impressions: 0, clicks: 0, conversions: 0 }));
    const { cells, conversion } = aggregateRows(facts, (r) => r.key, { kind: 'reporting', currency: target, book });
    return { rows: cells, note: conversion! };
  };

  it('converts each row at its date’s rate and says which rate was used', () => {
    const rows = [
      { date: '2026-10-01', currency: 'EUR', spendMicros: 10_000_000, conversionValueMicros: 1 },
      { date: '2026-10-02', currency: 'EUR', spendMicros: 10_000_000, conversionValueMicros: 0 },
      { date: '2026-10-02', currency: 'USD', spendMicros: 5_000_000, conversionValueMicros: 0 },
    ];
    const { rows: converted, note } = convertEach(rows, 'USD');
    expect(converted.map((r) => [r.currency, r.spendMicros, r.conversionValueMicros])).toEqual([
      ['USD', 11_000_000, 1],
      ['USD', 12_000_000, 0],
      ['USD', 5_000_000, 0],
    ]);
    expect(note.rates).toEqual([
      { date: '2026-10-01', currency: 'EUR', rateDate: '2026-10-01', eurRate: '1', reportingEurRate: '1.1' },
      { date: '2026-10-02', currency: 'EUR', rateDate: '2026-10-02', eurRate: '1', reportingEurRate: '1.2' },
    ]);
    expect(note.rateDates).toEqual({ from: '2026-10-01', to: '2026-10-02' });
    expect(note.missing).toEqual([]);
  });

  it('leaves out and reports the days of a currency without a rate, never guessing one', () => {
    const rows = [
      { date: '2026-10-01', currency: 'GBP', spendMicros: 1_000_000, conversionValueMicros: 0 },
      { date: '2026-10-02', currency: 'GBP', spendMicros: 1_000_000, conversionValueMicros: 0 },
      { date: '2026-09-20', currency: 'GBP', spendMicros: 1_000_000, conversionValueMicros: 0 },
    ];
    const { rows: converted, note } = convertEach(rows, 'USD');
    expect(converted).toHaveLength(1);
    expect(converted[0]!.spendMicros).toBe(1_500_000);
    expect(note.missing).toEqual([{ currency: 'GBP', days: 2, dates: ['2026-09-20', '2026-10-01'] }]);
    expect(describeMissing(note.missing)).toEqual(['2 days of GBP without a rate']);
  });

  it('needs no rate for rows already in the reporting currency', () => {
    const { rows: converted, note } = convertEach(
      [{ date: '2020-01-01', currency: 'usd', spendMicros: 7, conversionValueMicros: 0 }],
      'USD',
    );
    expect(converted[0]).toMatchObject({ currency: 'USD', spendMicros: 7 });
    expect(note.rateDates).toBeNull();
    expect(note.missing).toEqual([]);
  });
});
