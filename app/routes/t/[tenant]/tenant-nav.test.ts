import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_ROLES } from '$db/schema/enum-values';
import { isCurrentLink, tenantNavLinks } from './tenant-nav';

describe('tenantNavLinks', () => {
  it('ends with Settings for every role (viewers read the settings, admins change them)', () => {
    for (const role of MEMBERSHIP_ROLES) {
      expect(tenantNavLinks('acme', role).map((l) => l.label)).toEqual([
        'Overview',
        'Campaigns',
        'Top ads',
        'Pacing',
        'Connections',
        'Pipeline',
        'Settings',
      ]);
    }
    expect(tenantNavLinks('acme', 'viewer').at(-1)).toEqual({ href: '/t/acme/settings', label: 'Settings' });
  });
});

describe('isCurrentLink', () => {
  it('marks the overview only on its own path, and a section on its pages below it', () => {
    expect(isCurrentLink('/t/acme', '/t/acme', 'acme')).toBe(true);
    expect(isCurrentLink('/t/acme/settings', '/t/acme', 'acme')).toBe(false);
    expect(isCurrentLink('/t/acme/settings', '/t/acme/settings', 'acme')).toBe(true);
    expect(isCurrentLink('/t/acme/campaigns/c1', '/t/acme/campaigns', 'acme')).toBe(true);
    expect(isCurrentLink('/t/acme/campaignsx', '/t/acme/campaigns', 'acme')).toBe(false);
  });
});
