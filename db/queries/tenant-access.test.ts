import { describe, expect, it } from 'vitest';
import { mergeTenantAccess, type TenantAccess } from './tenant-access';

const access = (id: string, name: string, role: TenantAccess['role'], via: TenantAccess['via']): TenantAccess => ({
  id,
  slug: id,
  name,
  agencyId: null,
  reportingCurrency: 'USD',
  timeZone: 'UTC',
  dataVersion: 0,
  role,
  via,
});

describe('mergeTenantAccess', () => {
  it('keeps one entry per tenant with the strongest role', () => {
    const merged = mergeTenantAccess([
      access('t1', 'One', 'viewer', 'tenant'),
      access('t1', 'One', 'admin', 'agency'),
      access('t1', 'One', 'editor', 'tenant'),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: 't1', role: 'admin', via: 'agency' });
  });

  it('sorts tenants by name', () => {
    const merged = mergeTenantAccess([access('t2', 'Zeta', 'viewer', 'tenant'), access('t1', 'Alpha', 'owner', 'agency')]);
    expect(merged.map((t) => t.name)).toEqual(['Alpha', 'Zeta']);
  });
});
