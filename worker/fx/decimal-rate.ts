/**
 * An FX rate as an exact decimal: `units / 10^scale`. Rates arrive as decimal text ("1.0823",
 * "163.24") and stay exact: conversion multiplies and divides integers, never floats.
 */
export interface DecimalRate {
  units: bigint;
  scale: number;
}

const RATE_TEXT = /^(\d+)(?:\.(\d+))?$/;

/** "1.0823" → { units: 10823n, scale: 4 }; throws on anything that is not a positive plain decimal. */
export function parseRate(text: string): DecimalRate {
  const match = RATE_TEXT.exec(text.trim());
  if (!match) throw new RangeError(`not a plain positive decimal rate: ${JSON.stringify(text)}`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const units = BigInt(`${match[1]}${fraction}`);
  if (units === 0n) throw new RangeError(`a rate cannot be zero: ${JSON.stringify(text)}`);
  return { units, scale: fraction.length };
}

/** The rate back as canonical decimal text (no trailing zeros): what is stored and shown. */
export function formatRate({ units, scale }: DecimalRate): string {
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * `micros` in currency A → micros in currency B, given 1 EUR = `eurToA` A and 1 EUR = `eurToB` B
 * (the cross rate through EUR). One rounding, at the end: the exact quotient
 * micros × eurToB / eurToA is rounded half away from zero to whole micros.
 */
export function convertMicrosThroughEur(micros: number, eurToA: DecimalRate, eurToB: DecimalRate): number {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`micros must be a safe integer: ${micros}`);
  const numerator = BigInt(micros) * eurToB.units * 10n ** BigInt(eurToA.scale);
  const denominator = eurToA.units * 10n ** BigInt(eurToB.scale);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`converted amount too large for integer micros: ${micros}`);
  const result = Number(rounded);
  return negative && result !== 0 ? -result : result;
}
