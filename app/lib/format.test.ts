import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateRange,
  formatDay,
  formatDecimalCount,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  formatWait,
  NOT_AVAILABLE,
} from './format';

describe('formatMoney', () => {
  it('formats micros as dollars with cents', () => {
    expect(formatMoney(1_234_500_000, 'USD')).toBe('$1,234.50');
  });

  it('shows yen without decimals and rounds half up to the yen', () => {
    expect(formatMoney(1_234_500_000, 'JPY')).toBe('¥1,235');
  });

  it('uses the currency of the amount, not a default one', () => {
    expect(formatMoney(12_340_000, 'EUR')).toBe('€12.34');
  });

  it('rounds a fractional micros value (a derived cost) before formatting', () => {
    expect(formatMoney(333_333.333, 'USD')).toBe('$0.33');
  });

  it('shows a dash when there is no amount to show', () => {
    expect(formatMoney(null, 'USD')).toBe(NOT_AVAILABLE);
  });
});

describe('zero-decimal currencies', () => {
  it('shows won and Chilean pesos without decimals, rounded half up', () => {
    expect(formatMoney(1_500_000, 'KRW')).toBe('₩2');
    expect(formatMoney(1_234_499_999, 'CLP')).toBe('CLP\u00a01,234');
  });

  it('never shows a fraction of a yen on a compact axis label', () => {
    expect(formatMoneyCompact(1_500_000, 'JPY')).toBe('¥2');
    expect(formatMoneyCompact(1_234_000_000, 'JPY')).toBe('¥1.2K');
  });

  it('keeps the decimals of currencies that have them on a compact label', () => {
    expect(formatMoneyCompact(1_500_000, 'USD')).toBe('$1.5');
  });
});

describe('counts and ratios', () => {
  it('groups thousands in whole counts', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  it('keeps up to two decimals for fractional conversions', () => {
    expect(formatDecimalCount(5.5)).toBe('5.5');
    expect(formatDecimalCount(10 / 3)).toBe('3.33');
  });

  it('shows a ratio as a percentage with two decimals', () => {
    expect(formatPercent(0.023456)).toBe('2.35%');
  });

  it('shows a dash for a ratio that could not be computed', () => {
    expect(formatPercent(null)).toBe(NOT_AVAILABLE);
    expect(formatCount(null)).toBe(NOT_AVAILABLE);
  });
});

describe('dates', () => {
  it('labels a calendar date without shifting it by the viewer time zone', () => {
    expect(formatDay('2026-11-01')).toBe('Nov 1');
  });

  it('labels a range within one year with the year once', () => {
    expect(formatDateRange('2026-11-02', '2026-11-29')).toBe('Nov 2 – Nov 29, 2026');
  });

  it('labels a range across a new year with both years', () => {
    expect(formatDateRange('2025-12-20', '2026-01-05')).toBe('Dec 20, 2025 – Jan 5, 2026');
  });
});

describe('formatWait', () => {
  it('says seconds under a minute and rounds longer waits up to whole minutes', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(42)).toBe('42 seconds');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(900)).toBe('15 minutes');
  });
});
