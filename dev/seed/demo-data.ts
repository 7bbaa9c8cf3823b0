import type { TenantBranding } from '../../db/schema';

/** Fixed ids make the seed idempotent: every run upserts the same rows. */
export const DEMO_AGENCY = { id: '7e1d0a00-0000-4000-8000-000000000001', name: 'Northwind Digital' } as const;

export type DemoTenant = {
  id: string;
  slug: string;
  name: string;
  reportingCurrency: string;
  timeZone: string;
  branding: TenantBranding;
};
export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    id: '7e1d0a00-0000-4000-8000-0000000000a1',
    slug: 'partner-a',
    name: 'Partner A',
    reportingCurrency: 'USD',
    timeZone: 'America/New_York',
    branding: { displayName: 'Northwind Outfitters', primaryColor: '#1d4ed8', accentColor: '#f59e0b' },
  },
  {
    id: '7e1d0a00-0000-4000-8000-0000000000b1',
    slug: 'partner-b',
    name: 'Partner B',
    reportingCurrency: 'EUR',
    timeZone: 'Europe/Berlin',
    branding: { displayName: 'Berliner Möbelhaus', primaryColor: '#9f1239', accentColor: '#0f766e' },
  },
];

export type DemoLogin = {
  userId: string;
  email: string;
  name: string;
  password: string;
  description: string;
  membership: { agencyId: string; role: 'owner' } | { tenantId: string; role: 'viewer' };
};
export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    userId: '7e1d0a00-0000-4000-8000-0000000000c1',
    email: 'owner@northwind.example',
    name: 'Nora Owner',
    password: 'northwind-demo',
    description: 'Northwind Digital agency owner (sees every client)',
    membership: { agencyId: DEMO_AGENCY.id, role: 'owner' },
  },
  {
    userId: '7e1d0a00-0000-4000-8000-0000000000c2',
    email: 'viewer@partner-a.example',
    name: 'Alex Viewer',
    password: 'partner-a-demo',
    description: 'Partner A viewer (USD, America/New_York)',
    membership: { tenantId: DEMO_TENANTS[0]!.id, role: 'viewer' },
  },
  {
    userId: '7e1d0a00-0000-4000-8000-0000000000c3',
    email: 'viewer@partner-b.example',
    name: 'Berit Viewer',
    password: 'partner-b-demo',
    description: 'Partner B viewer (EUR, Europe/Berlin)',
    membership: { tenantId: DEMO_TENANTS[1]!.id, role: 'viewer' },
  },
];

/** The agency owner: the login that connects the demo's ad accounts (owners may connect). */
export const DEMO_OWNER_LOGIN = DEMO_LOGINS[0]!;

/**
 * Ad accounts that earlier versions of the seed created without a connection and filled with
 * stats directly. Data now arrives through the real pipeline, so a kept .dev-data folder drops them
 * (their facts and rollups go with them by cascade) instead of double-counting.
 */
export const LEGACY_DIRECT_ACCOUNT_IDS: readonly string[] = [
  '7e1d0a00-0000-4000-8000-0000000000d1',
  '7e1d0a00-0000-4000-8000-0000000000d2',
  '7e1d0a00-0000-4000-8000-0000000000d3',
  '7e1d0a00-0000-4000-8000-0000000000d4',
];
