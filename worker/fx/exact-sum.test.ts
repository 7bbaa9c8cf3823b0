import { describe, expect, it } from 'vitest';
import { convertMicrosThroughEur, parseRate } from './decimal-rate';
import { exactMoneySum } from './exact-sum';

const usd = parseRate('1.0823');
const gbp = parseRate('0.8571');
const jpy = parseRate('163.24');

describe('exactMoneySum', () => {
  it('converts one amount like the single-rounding conversion', () => {
    const sum = exactMoneySum();
    sum.addConverted(12_345_678, usd, jpy);
    expect(sum.micros()).toBe(convertMicrosThroughEur(12_345_678, usd, jpy));
  });

  it('rounds the total once, not each amount', () => {
    // 1 micro of USD in GBP is 0.79 micro: rounded per amount three of them make 3, exactly they make 2.37 → 2.
    const sum = exactMoneySum();
    for (let i = 0; i < 3; i += 1) sum.addConverted(1, usd, gbp);
    expect(sum.micros()).toBe(2);
  });

  it('gives the same total however the amounts were grouped before conversion', () => {
    const amounts = [1_000_001, 2_333_337, 999, 5];
    const each = exactMoneySum();
    for (const micros of amounts) each.addConverted(micros, usd, jpy);
    const grouped = exactMoneySum();
    grouped.addConverted(
      amounts.reduce((a, b) => a + b, 0),
      usd,
      jpy,
    );
    expect(each.micros()).toBe(grouped.micros());
  });

  it('adds amounts converted at different rates and amounts already in the target currency', () => {
    const sum = exactMoneySum();
    sum.addConverted(1_000_000, usd, gbp); // 0.8571 / 1.0823 GBP = 791925.5289... micros
    sum.addConverted(1_000_000, jpy, gbp); // 0.8571 / 163.24 GBP = 5250.5513... micros
    sum.addSame(10);
    expect(sum.micros()).toBe(Math.round((1e6 * 0.8571) / 1.0823 + (1e6 * 0.8571) / 163.24 + 10));
  });

  it('rounds negative totals away from zero and refuses unsafe integers', () => {
    const sum = exactMoneySum();
    sum.addSame(-3);
    sum.addConverted(-1, usd, gbp);
    expect(sum.micros()).toBe(-4);
    expect(() => exactMoneySum().addSame(2 ** 60)).toThrow(RangeError);
  });
});
