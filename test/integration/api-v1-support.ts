import { exports } from 'cloudflare:workers';
import type { Database } from '../../db/client';
import { agencies, type MembershipRole, memberships, users } from '../../db/schema';
import { createTidemarkClient, type TidemarkClient } from '../../dev/api-client/client';
import { hashPassword } from '../../worker/auth/password';
import { call, postJson, signInCookie, unique } from './support';

let ipCounter = 0;
/** A distinct client address per sign-in, so the login throttle of one test never touches another. */
const nextIp = () => `198.51.100.${(ipCounter++ % 200) + 20}`;

export interface TestAgency {
  agencyId: string;
  /** Session cookie of a user with `role` in the agency. */
  cookieOf(role: MembershipRole): Promise<string>;
}

/** An agency of its own, with a user per role on demand. */
export async function createTestAgency(db: Database): Promise<TestAgency> {
  const [agency] = await db
    .insert(agencies)
    .values({ name: unique('Agency') })
    .returning();
  const cookies = new Map<MembershipRole, string>();
  return {
    agencyId: agency!.id,
    async cookieOf(role) {
      const known = cookies.get(role);
      if (known) return known;
      const email = `${unique(role)}@agency.test`;
      const password = `pw-${unique('x')}`;
      const [user] = await db
        .insert(users)
        .values({ email, name: `Agency ${role}`, passwordHash: await hashPassword(password) })
        .returning();
      await db.insert(memberships).values({ userId: user!.id, agencyId: agency!.id, role });
      const cookie = await signInCookie(email, password, nextIp());
      cookies.set(role, cookie);
      return cookie;
    },
  };
}

export type CreatedKey = { id: string; key: string; prefix: string; scope: 'read' | 'write' };

/** Creates an API key through the session route, as an agency owner would. */
export async function createKey(agency: TestAgency, scope: 'read' | 'write', name = unique('key')): Promise<CreatedKey> {
  const res = await postJson('/api/agency/api-keys', { name, scope }, { cookie: await agency.cookieOf('owner') });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedKey;
}

/** The generated /api/v1 client, calling the Worker's own fetch handler. */
export function v1Client(apiKey: string): TidemarkClient {
  return createTidemarkClient({ baseUrl: 'http://tidemark.test', apiKey, fetch: (request) => exports.default.fetch(request) });
}

/** A raw /api/v1 call with a bearer key, for what the typed client cannot send (malformed bodies, other media types). */
export function v1Raw(path: string, apiKey: string | null, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (apiKey !== null) headers.set('authorization', `Bearer ${apiKey}`);
  return call(`/api/v1${path}`, { ...init, headers });
}

/** A valid tenant body with a unique slug. */
export function tenantBody(overrides: Record<string, unknown> = {}) {
  const slug = unique('p').toLowerCase();
  return {
    name: `Client ${slug}`,
    slug,
    reportingCurrency: 'EUR' as const,
    timeZone: 'Europe/Berlin',
    branding: {
      productName: 'Acme Insights',
      logoUrl: 'https://cdn.acme.test/logo.svg',
      primaryColor: '#0f766e',
      accentColor: '#f59e0b',
      faviconUrl: 'https://cdn.acme.test/favicon.ico',
    },
    ...overrides,
  };
}
