import { describe, expect, it } from 'vitest';
import { queryCacheKey } from './query-cache';

describe('queryCacheKey', () => {
  it('changes with the data version, so a sync makes old entries unreachable', () => {
    const params = { from: '2026-11-01', to: '2026-11-28' };
    expect(queryCacheKey({ tenantId: 't1', dataVersion: 7 }, 'overview', params)).not.toBe(
      queryCacheKey({ tenantId: 't1', dataVersion: 8 }, 'overview', params),
    );
  });

  it('separates tenants and query names', () => {
    const params = { from: '2026-11-01', to: '2026-11-28' };
    const keys = new Set([
      queryCacheKey({ tenantId: 't1', dataVersion: 1 }, 'overview', params),
      queryCacheKey({ tenantId: 't2', dataVersion: 1 }, 'overview', params),
      queryCacheKey({ tenantId: 't1', dataVersion: 1 }, 'campaigns', params),
    ]);
    expect(keys.size).toBe(3);
  });

  it('ignores parameter order and absent parameters', () => {
    const scope = { tenantId: 't1', dataVersion: 3 };
    expect(queryCacheKey(scope, 'q', { to: 'b', from: 'a', accounts: undefined })).toBe(queryCacheKey(scope, 'q', { from: 'a', to: 'b' }));
    expect(queryCacheKey(scope, 'q', { from: 'a&x=1' })).toContain('from=a%26x%3D1');
  });
});
