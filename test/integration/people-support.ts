import { parse } from 'devalue';
import type { Database } from '../../db/client';
import { agencies, type MembershipRole, memberships, type TenantBranding, tenants, users } from '../../db/schema';
import { hashPassword } from '../../worker/auth/password';
import { control, eventually } from './pipeline-support';
import { call, signInCookie, unique } from './support';

export { eventually };

export interface SentMail {
  body: { from: { email: string; name?: string }; subject: string; content: Array<{ type: string; value: string }> };
  summary: { to: string[]; subject: string; text?: string; html?: string };
}

/** The SendGrid fake's outbox for one recipient, newest first. */
export async function mailsTo(email: string): Promise<SentMail[]> {
  const { items } = await control<{ items: SentMail[] }>('/outbox/sendgrid');
  return items.filter((m) => m.summary.to.includes(email));
}

/** Waits for the `n`th mail to `email` (mail after a response is sent in the background). */
export async function nthMailTo(email: string, n = 1): Promise<SentMail> {
  const mails = await eventually(
    () => mailsTo(email),
    (list) => list.length >= n,
    20_000,
  );
  return mails[0]!;
}

/** The link to `path` in a mail's text part, and its token. */
export function linkIn(mail: SentMail, path: '/invite' | '/reset-password'): { url: string; token: string } {
  const text = mail.body.content.find((c) => c.type === 'text/plain')!.value;
  const match = new RegExp(`(https?://[^\\s/]+${path}/([A-Za-z0-9_-]+))`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return { url: match[1]!, token: match[2]! };
}

let ipCounter = 0;
/** A distinct client address per sign-in, so the login throttle of one test never touches another. */
export const nextIp = () => `198.18.${Math.floor(ipCounter / 200) % 250}.${(ipCounter++ % 200) + 20}`;

export interface Person {
  id: string;
  email: string;
  password: string;
  cookie(): Promise<string>;
}

/** A user with a password (and no membership yet). */
export async function createPerson(db: Database, prefix = 'person'): Promise<Person> {
  const email = `${unique(prefix).toLowerCase()}@people.test`;
  const password = `pw-${unique('secret')}`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `Name of ${prefix}`, passwordHash: await hashPassword(password) })
    .returning();
  let cookie: string | undefined;
  return { id: user!.id, email, password, cookie: async () => (cookie ??= await signInCookie(email, password, nextIp())) };
}

export interface PeopleWorld {
  agencyId: string;
  tenant: { id: string; slug: string; name: string };
  /** A user with `role` in the agency (agency: true) or directly in the tenant. */
  member(role: MembershipRole, where?: 'agency' | 'tenant'): Promise<Person>;
}

/** An agency with one client tenant (branded when `branding` is given) and members on demand. */
export async function createPeopleWorld(db: Database, branding: TenantBranding = {}): Promise<PeopleWorld> {
  const [agency] = await db
    .insert(agencies)
    .values({ name: unique('Agency') })
    .returning();
  const slug = unique('pp').toLowerCase();
  const [tenant] = await db
    .insert(tenants)
    .values({ slug, name: `Client ${slug}`, agencyId: agency!.id, branding })
    .returning();
  return {
    agencyId: agency!.id,
    tenant: { id: tenant!.id, slug, name: tenant!.name },
    async member(role, where = 'tenant') {
      const person = await createPerson(db, role);
      const scope = where === 'agency' ? { agencyId: agency!.id } : { tenantId: tenant!.id };
      await db.insert(memberships).values({ userId: person.id, role, ...scope });
      return person;
    },
  };
}

/** Posts a page's form action as the enhanced form does (JSON answer with devalue-encoded data). */
export async function submitForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await call(path, {
    // The form is posted to the origin it came from (a custom domain's, when `headers.origin` names one).
    origin: headers.origin ?? 'http://tidemark.test',
    method: 'POST',
    headers: { origin: 'http://tidemark.test', 'x-sveltekit-action': 'true', 'cf-connecting-ip': nextIp(), ...headers },
    body: new URLSearchParams(fields),
  });
  const body = (await res.json()) as { type: string; status?: number; location?: string; data?: string };
  return { type: body.type, status: body.status, location: body.location, data: body.data ? parse(body.data) : undefined, res };
}

/** The session cookie a response set, as a Cookie header. */
export function sessionCookieOf(res: Response): string | null {
  const cookie = res.headers.get('set-cookie');
  return cookie ? cookie.split(';')[0]! : null;
}
