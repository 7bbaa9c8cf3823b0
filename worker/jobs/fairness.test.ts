import { describe, expect, it } from 'vitest';
import { interleaveByTenant } from './fairness';

describe('interleaveByTenant', () => {
  it('gives every tenant a turn before any tenant gets a second one', () => {
    const items = [
      ...Array.from({ length: 5 }, (_, i) => ({ tenantId: 'big', n: i })),
      { tenantId: 'small', n: 0 },
      { tenantId: 'other', n: 0 },
    ];
    const order = interleaveByTenant(items).map((i) => `${i.tenantId}${i.n}`);
    expect(order.slice(0, 3)).toEqual(['big0', 'small0', 'other0']);
    expect(order).toHaveLength(7);
    expect(order.slice(3)).toEqual(['big1', 'big2', 'big3', 'big4']);
  });

  it('keeps each tenant’s own order', () => {
    const items = [
      { tenantId: 'a', n: 2 },
      { tenantId: 'b', n: 1 },
      { tenantId: 'a', n: 1 },
    ];
    expect(
      interleaveByTenant(items)
        .filter((i) => i.tenantId === 'a')
        .map((i) => i.n),
    ).toEqual([2, 1]);
  });
});
