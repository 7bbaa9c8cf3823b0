import type { DecimalRate } from './decimal-rate';

/**
 * Money converted and summed exactly: each amount adds the exact fraction
 * micros × eurToTarget / eurToSource (no rounding), and the total is rounded once, half away from
 * zero, to whole micros. So a converted total equals the sum of every fact converted at its own
 * date's rate, whichever way the facts were grouped before conversion.
 */
export interface ExactMoneySum {
  /** Adds micros already in the target currency. */
  addSame(micros: number): void;
  /** Adds micros of a currency whose EUR rate is `eurToSource`, converted to the target (EUR rate `eurToTarget`). */
  addConverted(micros: number, eurToSource: DecimalRate, eurToTarget: DecimalRate): void;
  /** The total in whole micros of the target currency. */
  micros(): number;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function exactMoneySum(): ExactMoneySum {
  // Numerators summed per denominator: amounts converted at one rate pair share a denominator.
  const byDenominator = new Map<bigint, bigint>();
  const add = (numerator: bigint, denominator: bigint) => {
    byDenominator.set(denominator, (byDenominator.get(denominator) ?? 0n) + numerator);
  };
  return {
    addSame(micros) {
      add(safeBigInt(micros), 1n);
    },
    addConverted(micros, eurToSource, eurToTarget) {
      add(safeBigInt(micros) * eurToTarget.units * 10n ** BigInt(eurToSource.scale), eurToSource.units * 10n ** BigInt(eurToTarget.scale));
    },
    micros() {
      let numerator = 0n;
      let denominator = 1n;
      for (const [d, n] of byDenominator) {
        numerator = numerator * d + n * denominator;
        denominator *= d;
        const common = gcd(numerator, denominator);
        if (common > 1n) {
          numerator /= common;
          denominator /= common;
        }
      }
      return roundHalfAwayFromZero(numerator, denominator);
    },
  };
}

function safeBigInt(micros: number): bigint {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`micros must be a safe integer: ${micros}`);
  return BigInt(micros);
}

function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('converted total too large for integer micros');
  const result = Number(rounded);
  return negative && result !== 0 ? -result : result;
}
