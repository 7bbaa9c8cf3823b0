import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToMicros, formatMicros, formatMicrosWithFloatTail, toUsdMicros } from './money';

describe('money on the LinkedIn wire', () => {
  it('prints micros as the shortest exact decimal', () => {
    expect(formatMicros(18_000_000)).toBe('18');
    expect(formatMicros(107_530_000)).toBe('107.53');
    expect(formatMicros(19_918_330)).toBe('19.91833');
    expect(formatMicros(0)).toBe('0');
    expect(formatMicros(5)).toBe('0.000005');
  });

  it('adds a float tail of 19 decimals like the recorded "107.5300000000000335346"', () => {
    expect(formatMicrosWithFloatTail(107_530_000, 235_346)).toBe('107.5300000000000335346');
    expect(formatMicrosWithFloatTail(107_530_000, 235_347)).toMatch(/^107\.5299999999999\d{6}$/);
  });

  it('a tailed string always rounds back to the exact micros', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.nat(), (micros, noise) => {
        expect(decimalToMicros(formatMicrosWithFloatTail(micros, noise))).toBe(micros);
        expect(decimalToMicros(formatMicros(micros))).toBe(micros);
      }),
    );
  });

  it('converts to USD at the fixed fake rates', () => {
    expect(toUsdMicros(100_000_000, 'USD')).toBe(100_000_000);
    expect(toUsdMicros(100_000_000, 'EUR')).toBe(108_430_000);
    expect(toUsdMicros(1_000_000_000, 'JPY')).toBe(6_667_000);
  });
});
