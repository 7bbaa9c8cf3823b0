import { describe, expect, it } from 'vitest';
import { applyBranding } from '../../app/lib/branding';
import { DEMO_LOGINS, DEMO_OWNER_LOGIN, DEMO_TENANTS } from './demo-data';

describe('demo data', () => {
  it('gives Partner A USD in New York and Partner B EUR in Berlin, as the design describes', () => {
    expect(DEMO_TENANTS.map((t) => [t.slug, t.reportingCurrency, t.timeZone])).toEqual([
      ['partner-a', 'USD', 'America/New_York'],
      ['partner-b', 'EUR', 'Europe/Berlin'],
    ]);
  });

  it('brands each tenant with a display name and a colour the dashboard accepts', () => {
    for (const tenant of DEMO_TENANTS) {
      const applied = applyBranding(tenant.branding, tenant.name, tenant.id);
      expect(applied.displayName).toBe(tenant.branding.displayName);
      expect(applied.style).toContain(`--brand-primary: ${tenant.branding.primaryColor}`);
    }
    expect(new Set(DEMO_TENANTS.map((t) => t.branding.primaryColor)).size).toBe(DEMO_TENANTS.length);
  });

  it('connects through an agency owner, who may connect ad accounts for every client', () => {
    expect(DEMO_OWNER_LOGIN.membership).toMatchObject({ role: 'owner' });
    expect('agencyId' in DEMO_OWNER_LOGIN.membership).toBe(true);
    expect(new Set(DEMO_LOGINS.map((l) => l.email)).size).toBe(DEMO_LOGINS.length);
  });
});
