import { describe, expect, it } from 'vitest';
import { shapeDifferences } from './shape';

describe('shapeDifferences', () => {
  it('accepts the same names, types and nesting with other values', () => {
    expect(shapeDifferences({ a: 1, b: ['x', 'y'], c: { d: 'e' } }, { a: 2, b: ['z'], c: { d: 'f' } })).toEqual([]);
  });

  it('reports a missing key, a wrong type, an unexpected key and an empty array', () => {
    expect(shapeDifferences({ a: '1', extra: true, list: [] }, { a: 1, b: 2, list: [1] })).toEqual([
      '$.a: expected number, got string',
      '$.b: missing',
      "$.list: expected items like the fixture's, got an empty array",
      '$.extra: not in the fixture',
    ]);
  });

  it('allows named extra keys and checks every array item', () => {
    expect(shapeDifferences({ a: [{ x: 1 }, { x: 'no' }], more: 1 }, { a: [{ x: 0 }] }, { extraKeys: ['more'] })).toEqual([
      '$.a[1].x: expected number, got string',
    ]);
  });
});
