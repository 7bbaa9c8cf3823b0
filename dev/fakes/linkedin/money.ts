/**
 * Money on LinkedIn's wire: decimal strings in the account currency, some with the long
 * binary-float tail LinkedIn leaks ("107.5300000000000335346"), plus a fixed fake FX table for costInUsd.
 */
import type { Currency } from '../world/types';

/** USD per unit of currency, in millionths (fixed so reports are reproducible). */
export const USD_RATE_MICROS: Record<Currency, bigint> = {
  USD: 1_000_000n,
  EUR: 1_084_300n,
  GBP: 1_271_200n,
  JPY: 6_667n,
};

/** Integer micros → shortest exact decimal string: 18000000 → "18", 107530000 → "107.53". */
export function formatMicros(micros: number): string {
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / 1_000_000);
  const fraction = String(abs % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Micros as LinkedIn sometimes prints them: 19 decimals with float noise far below a micro, either
 * just above or just below the true value. Rounding the string to 6 decimals gives `micros` back.
 */
export function formatMicrosWithFloatTail(micros: number, noise: number): string {
  const tail = String(100_000 + (noise % 900_000));
  if (micros > 0 && noise % 2 === 1) {
    const below = micros - 1;
    const whole = Math.floor(below / 1_000_000);
    const fraction = String(below % 1_000_000).padStart(6, '0');
    return `${whole}.${fraction}9999999${String(999_999 - Number(tail)).padStart(6, '0')}`;
  }
  const whole = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000).padStart(6, '0');
  return `${whole}.${fraction}0000000${tail}`;
}

/** Local-currency micros → USD micros at the fake fixed rate (half-up rounding). */
export function toUsdMicros(micros: number, currency: Currency): number {
  const scaled = BigInt(micros) * USD_RATE_MICROS[currency];
  return Number((scaled + 500_000n) / 1_000_000n);
}

/** Parses a decimal string back to micros, rounding half-up at the sixth decimal (what a client does). */
export function decimalToMicros(decimal: string): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new Error(`not a decimal: ${decimal}`);
  const [, sign, whole, fraction = ''] = match;
  const padded = fraction.padEnd(7, '0');
  let micros = BigInt(whole!) * 1_000_000n + BigInt(padded.slice(0, 6));
  if (Number(padded[6]) >= 5) micros += 1n;
  return Number(sign ? -micros : micros);
}
