import { describe, expect, it } from 'vitest';
import { FAKE_FX_CURRENCIES } from '../../dev/fakes/services/fx-rates';
import { FX_CURRENCIES, isFxCurrency } from './currencies';
import { FX_BASE } from './rate-book';

describe('the currencies the FX layer reports in', () => {
  it('are the euro and the ECB reference quotes, sorted, each a currency Intl knows', () => {
    expect(FX_CURRENCIES).toEqual([...FX_CURRENCIES].sort());
    expect(FX_CURRENCIES).toContain(FX_BASE);
    const names = new Intl.DisplayNames('en', { type: 'currency', fallback: 'none' });
    for (const code of FX_CURRENCIES) expect(names.of(code), code).toBeTruthy();
  });

  it('are exactly what the local rates provider publishes against the euro', () => {
    expect(FX_CURRENCIES.filter((c) => c !== FX_BASE)).toEqual(FAKE_FX_CURRENCIES);
  });

  it('accept only exact upper-case codes of the list', () => {
    expect(isFxCurrency('JPY')).toBe(true);
    expect(isFxCurrency('jpy')).toBe(false);
    expect(isFxCurrency('BGN')).toBe(false);
    expect(isFxCurrency('XYZ')).toBe(false);
  });
});
