/**
 * Money as integer micros (1 unit of account currency = 1,000,000 micros).
 * Platforms send money as decimal strings ("14.35", "107.5300000000000335346"), int64 micros
 * strings, or doubles; everything here converts without float multiplication.
 */

export const MICROS_PER_UNIT = 1_000_000;

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Exact decimal string → integer micros. Digits beyond the 6th decimal are rounded half-up
 * (away from zero), so "107.5300000000000335346" → 107530000 and "0.0000005" → 1.
 * Accepts exponent notation ("1e-7") because doubles stringify that way.
 */
export function decimalToMicros(value: string): number {
  const match = DECIMAL.exec(value.trim());
  const [, sign, intDigits = '', fracDigits = '', exponent] = match ?? [];
  if (!match || (intDigits === '' && fracDigits === '')) {
    throw new RangeError(`not a decimal number: ${JSON.stringify(value)}`);
  }
  const { whole, fraction } = shiftDecimalPoint(intDigits, fracDigits, Number(exponent ?? 0));
  const kept = `${fraction}000000`.slice(0, 6);
  const firstDropped = fraction.charAt(6);
  let micros = BigInt(whole || '0') * 1_000_000n + BigInt(kept);
  if (firstDropped !== '' && firstDropped >= '5') micros += 1n;
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`amount too large for integer micros: ${value}`);
  }
  const result = Number(micros);
  return sign === '-' && result !== 0 ? -result : result;
}

function shiftDecimalPoint(intDigits: string, fracDigits: string, exponent: number) {
  if (exponent === 0) return { whole: intDigits, fraction: fracDigits };
  const digits = intDigits + fracDigits;
  const pointAt = intDigits.length + exponent;
  if (pointAt <= 0) return { whole: '', fraction: '0'.repeat(-pointAt) + digits };
  if (pointAt >= digits.length) return { whole: digits + '0'.repeat(pointAt - digits.length), fraction: '' };
  return { whole: digits.slice(0, pointAt), fraction: digits.slice(pointAt) };
}

/** A double in major units (Google's conversions_value) → micros, via its shortest round-trip decimal form. */
export function numberToMicros(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  return decimalToMicros(String(value));
}

/** Integer micros → plain decimal string without trailing zeros ("14350000" → "14.35"). */
export function microsToDecimal(micros: number, minFractionDigits = 0): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`micros must be a safe integer: ${micros}`);
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_UNIT);
  let fraction = String(abs % MICROS_PER_UNIT)
    .padStart(6, '0')
    .replace(/0+$/, '');
  if (fraction.length < minFractionDigits) fraction = fraction.padEnd(minFractionDigits, '0');
  const text = fraction ? `${whole}.${fraction}` : String(whole);
  return negative ? `-${text}` : text;
}

/** A count with at most 6 decimals (Google conversions are doubles like 5.5) without float noise. */
export function roundToSixDecimals(value: number | string): number {
  const micros = typeof value === 'number' ? numberToMicros(value) : decimalToMicros(value);
  return Number(microsToDecimal(micros));
}

// ISO 4217 minor units that differ from the common 2.
const MINOR_UNIT_EXCEPTIONS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** Digits after the decimal point in a currency's smallest unit (JPY 0, USD 2, KWD 3). */
export function currencyMinorUnits(currency: string): number {
  return MINOR_UNIT_EXCEPTIONS[currency.toUpperCase()] ?? 2;
}

/** Micros per smallest currency unit (USD cent = 10,000; one yen = 1,000,000). */
export function microsPerMinorUnit(currency: string): number {
  return 10 ** (6 - currencyMinorUnits(currency));
}

/** Round micros half-up to the currency's smallest unit (what an invoice would show). */
export function roundMicrosToMinorUnit(micros: number, currency: string): number {
  const step = microsPerMinorUnit(currency);
  const sign = micros < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(micros) + step / 2) / step) * step;
}

/** Display string for an amount, e.g. formatMoney(14350000, 'USD') → "$14.35", JPY without decimals. */
export function formatMoney(micros: number, currency: string, locale = 'en-US'): string {
  const digits = currencyMinorUnits(currency);
  const rounded = roundMicrosToMinorUnit(micros, currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Number(microsToDecimal(rounded)));
}

/** Compact display for charts and tiles ("$1.2M"). */
export function formatMoneyCompact(micros: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(micros / MICROS_PER_UNIT);
}
