import { describe, expect, it } from 'vitest';
import { topAdsOptions, topAdsParams } from './top-ads-options';

describe('topAdsOptions', () => {
  it('defaults to the ten biggest spenders', () => {
    expect(topAdsOptions(new URLSearchParams())).toEqual({ metric: 'spend', order: 'desc', limit: 10 });
  });

  it('ranks a cost metric cheapest first unless told otherwise', () => {
    expect(topAdsOptions(new URLSearchParams('metric=cpa'))).toEqual({ metric: 'cpa', order: 'asc', limit: 10 });
    expect(topAdsOptions(new URLSearchParams('metric=cpa&order=desc&limit=50'))).toEqual({ metric: 'cpa', order: 'desc', limit: 50 });
  });

  it('ignores what it cannot use and round-trips through parameters', () => {
    expect(topAdsOptions(new URLSearchParams('metric=likes&order=up&limit=7'))).toEqual({ metric: 'spend', order: 'desc', limit: 10 });
    const options = { metric: 'roas' as const, order: 'desc' as const, limit: 25 };
    expect(topAdsOptions(new URLSearchParams(topAdsParams(options)))).toEqual(options);
  });
});
