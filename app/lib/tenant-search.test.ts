import { describe, expect, it } from 'vitest';
import { filterTenants } from './tenant-search';

const tenants = [
  { name: 'Partner A', slug: 'partner-a' },
  { name: 'Café Müller', slug: 'cafe-muller' },
  { name: 'Northwind Outdoor', slug: 'northwind' },
];

describe('filterTenants', () => {
  it('matches every word of the query in the name or slug', () => {
    expect(filterTenants(tenants, 'north out').map((t) => t.slug)).toEqual(['northwind']);
  });

  it('ignores case and accents', () => {
    expect(filterTenants(tenants, 'CAFE muller').map((t) => t.slug)).toEqual(['cafe-muller']);
  });

  it('returns everything for an empty query and nothing for a miss', () => {
    expect(filterTenants(tenants, '  ')).toHaveLength(3);
    expect(filterTenants(tenants, 'zebra')).toEqual([]);
  });
});
