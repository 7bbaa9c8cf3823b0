/**
 * The bench's agency, its client tenants and the owner who connects them, written with superuser
 * SQL as dev/seed does (there is no agency API yet). Ad accounts are not written here: they arrive
 * through the real OAuth connect flow.
 */

import { createNodeDb } from '../../../db/node-client';
import { agencies, memberships, tenants, users } from '../../../db/schema';
import { hashPassword } from '../../../worker/auth/password';

export const BENCH_LOGIN = { email: 'owner@bench-agency.example', password: 'bench-agency-owner' } as const;

export interface BenchTenant {
  id: string;
  slug: string;
  /** 1-based: tenant n connects as fleet member n on every platform. */
  number: number;
}

const tenantSlug = (n: number) => `bench-tenant-${String(n).padStart(3, '0')}`;

export async function provisionFleet(superDatabaseUrl: string, tenantCount: number): Promise<BenchTenant[]> {
  const { db, close } = createNodeDb(superDatabaseUrl, 1);
  try {
    const [agency] = await db.insert(agencies).values({ name: 'Bench Agency' }).returning({ id: agencies.id });
    const created = await db
      .insert(tenants)
      .values(
        Array.from({ length: tenantCount }, (_, i) => ({
          agencyId: agency!.id,
          slug: tenantSlug(i + 1),
          name: `Bench Tenant ${i + 1}`,
          reportingCurrency: 'USD',
          timeZone: 'UTC',
        })),
      )
      .returning({ id: tenants.id, slug: tenants.slug });
    const [owner] = await db
      .insert(users)
      .values({ email: BENCH_LOGIN.email, name: 'Bench Owner', passwordHash: await hashPassword(BENCH_LOGIN.password) })
      .returning({ id: users.id });
    await db.insert(memberships).values({ userId: owner!.id, agencyId: agency!.id, role: 'owner' });
    return created
      .map((t) => ({ id: t.id, slug: t.slug, number: Number(t.slug.slice('bench-tenant-'.length)) }))
      .sort((a, b) => a.number - b.number);
  } finally {
    await close();
  }
}
