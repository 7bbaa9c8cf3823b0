import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable, percentile, ratePerSecond, summarize } from './stats';

describe('percentile', () => {
  it('uses the nearest rank of the sorted samples', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 10)).toBe(1);
  });

  it('returns the only sample for any p and NaN without samples', () => {
    expect(percentile([42], 0)).toBe(42);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('ratePerSecond', () => {
  it('turns items over milliseconds into items per second', () => {
    expect(ratePerSecond(6000, 1500)).toBe(4000);
    expect(ratePerSecond(10, 0)).toBe(0);
  });
});

describe('formatTable', () => {
  it('pads the first column left and the others right under a ruled header', () => {
    const table = formatTable(
      ['platform', 'calls'],
      [
        ['meta', formatNumber(1234)],
        ['linkedin', '7'],
      ],
    );
    expect(table.split('\n')).toEqual(['platform  calls', '--------  -----', 'meta      1,234', 'linkedin      7']);
  });
});
