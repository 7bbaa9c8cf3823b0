import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyMinorUnits,
  decimalToMicros,
  formatMoney,
  microsToDecimal,
  numberToMicros,
  roundMicrosToMinorUnit,
  roundToSixDecimals,
} from './money';

describe('decimalToMicros', () => {
  it('converts Meta spend strings exactly', () => {
    expect(decimalToMicros('14.35')).toBe(14_350_000);
    expect(decimalToMicros('5339.5')).toBe(5_339_500_000);
    expect(decimalToMicros('0.1')).toBe(100_000);
    expect(decimalToMicros('1234')).toBe(1_234_000_000);
  });

  it('rounds LinkedIn binary-float tails half-up at the sixth decimal', () => {
    expect(decimalToMicros('107.5300000000000335346')).toBe(107_530_000);
    expect(decimalToMicros('19.91833')).toBe(19_918_330);
    expect(decimalToMicros('0.0000005')).toBe(1);
    expect(decimalToMicros('0.00000049999')).toBe(0);
    expect(decimalToMicros('2.9999999999')).toBe(3_000_000);
  });

  it('handles signs, a leading dot and exponent notation', () => {
    expect(decimalToMicros('-1.25')).toBe(-1_250_000);
    expect(decimalToMicros('.5')).toBe(500_000);
    expect(decimalToMicros('1e-7')).toBe(0);
    expect(decimalToMicros('5e-7')).toBe(1);
    expect(decimalToMicros('1.5e3')).toBe(1_500_000_000);
    expect(Object.is(decimalToMicros('-0.0000001'), 0)).toBe(true);
  });

  it('rejects text that is not a decimal number', () => {
    for (const bad of ['', 'abc', '1,5', '1.2.3', '.', 'NaN']) {
      expect(() => decimalToMicros(bad)).toThrow(RangeError);
    }
  });

  it('refuses amounts beyond safe integer micros', () => {
    expect(() => decimalToMicros('10000000000000')).toThrow(RangeError);
  });
});

describe('numberToMicros and roundToSixDecimals', () => {
  it('converts Google doubles without float multiplication noise', () => {
    expect(numberToMicros(250.5)).toBe(250_500_000);
    expect(numberToMicros(0.29)).toBe(290_000);
    expect(numberToMicros(1.005)).toBe(1_005_000);
    expect(roundToSixDecimals(5.5)).toBe(5.5);
    expect(roundToSixDecimals('2.12345678')).toBe(2.123457);
  });
});

describe('microsToDecimal', () => {
  it('prints micros as a plain decimal without trailing zeros', () => {
    expect(microsToDecimal(14_350_000)).toBe('14.35');
    expect(microsToDecimal(1_000_000)).toBe('1');
    expect(microsToDecimal(-1)).toBe('-0.000001');
    expect(microsToDecimal(5_000_000, 2)).toBe('5.00');
  });

  it('round-trips through decimalToMicros for any safe integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (micros) => {
        expect(decimalToMicros(microsToDecimal(micros))).toBe(micros);
      }),
    );
  });

  it('round-trips any decimal string with at most six decimals', () => {
    const decimalText = fc
      .tuple(fc.bigInt({ min: 0n, max: 9_000_000_000n }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 999_999 }))
      .map(([whole, digits, fractionSeed]) =>
        digits === 0 ? String(whole) : `${whole}.${String(fractionSeed).padStart(6, '0').slice(0, digits)}`,
      );
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Number(microsToDecimal(decimalToMicros(text)))).toBe(Number(text));
      }),
    );
  });

  it('rounds any appended tail to the nearest micro', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.stringMatching(/^[0-9]{1,12}$/), (micros, tail) => {
        const rounded = decimalToMicros(`${microsToDecimal(micros, 6)}${tail}`);
        expect(rounded - micros).toBe(tail.charAt(0) >= '5' ? 1 : 0);
      }),
    );
  });
});

describe('currency minor units', () => {
  it('knows that yen has no minor unit and dinars have three', () => {
    expect(currencyMinorUnits('JPY')).toBe(0);
    expect(currencyMinorUnits('usd')).toBe(2);
    expect(currencyMinorUnits('KWD')).toBe(3);
  });

  it('rounds micros half-up to cents or whole yen', () => {
    expect(roundMicrosToMinorUnit(14_355_000, 'USD')).toBe(14_360_000);
    expect(roundMicrosToMinorUnit(14_354_999, 'USD')).toBe(14_350_000);
    expect(roundMicrosToMinorUnit(1_500_000, 'JPY')).toBe(2_000_000);
    expect(roundMicrosToMinorUnit(-1_500_000, 'JPY')).toBe(-2_000_000);
  });

  it('formats amounts with the currency digits', () => {
    expect(formatMoney(14_350_000, 'USD')).toBe('$14.35');
    expect(formatMoney(1_234_000_000, 'JPY')).toBe('¥1,234');
    expect(formatMoney(19_918_330, 'EUR', 'de-DE')).toBe('19,92\u00a0€');
  });
});
