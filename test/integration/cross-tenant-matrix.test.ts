import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { sha256Hex } from '../../worker/auth/password';
import { sessionHandle } from '../../worker/auth/sessions';
import { tenantBody, v1Raw } from './api-v1-support';
import {
  type Attacker,
  apiEndpoints,
  createAttacker,
  createVictim,
  openApiOperations,
  pageEndpoints,
  sessionCookie,
  snapshotVictim,
  socketEndpoints,
  userWith,
  type Victim,
  victimIdentifiersIn,
} from './cross-tenant-support';
import { call, closeWhenIdle, superDb, testEnv, unique } from './support';

/*
 * Every route, every attacker: another agency's API key, another tenant's user, a weaker role of the
 * right tenant, the victim's own credential on another tenant's custom hostname, a revoked key and an
 * expired session. Each is refused (401, 403, 404; a page sends to the login or answers 404), the
 * victim's rows are the same afterwards (counted and hashed in the database) and no answer names the
 * victim. Then the victim's own call succeeds, which proves the case really reaches its route.
 */

const arranged = superDb();
let victim: Victim;
let attacker: Attacker;

beforeAll(async () => {
  victim = await createVictim(arranged.db);
  attacker = await createAttacker(arranged.db);
}, 120_000);
afterAll(() => closeWhenIdle(arranged));

type Kind = 'api' | 'page' | 'action' | 'socket';

interface Target {
  path: string;
  /** A JSON body (API) or form fields (page actions). */
  body?: unknown;
  /** The route's own caller when it is not the case's `legit` (a session the route ends). */
  legitAs?: Credential;
  /**
   * The path with a real token, where the token in the path is the credential (an onboarding link):
   * its holder is served, and the same request on another tenant's custom host is refused.
   */
  tokenPath?: string;
}

/** Whose credential a request carries, and on which host. */
interface Credential {
  cookie?: string;
  bearer?: string;
  host?: string;
}

interface RouteCase {
  /** The credential the route is meant for: the victim's agency owner, its write key, or the operator. */
  legit: 'owner' | 'key' | 'operator';
  /** What that credential gets: 2xx or 3xx (or the statuses the route answers when nobody may use it). */
  legitStatus: number[];
  /** A member of the right tenant or agency whose role is too weak: refused with 403 (or 404). */
  weak?: keyof Victim['cookies'] | 'readKey';
  /**
   * The route acts on the caller's own account or agency only (reason given): a stranger with a
   * valid credential of their own may succeed, but on their own rows, and never sees the victim's.
   */
  self?: string;
  /** A route meant for anyone (reason given): nobody is refused, nobody sees or changes the victim's rows. */
  public?: string;
  /** Statuses besides 401, 403 and 404 that count as a refusal here (reason in the case). */
  alsoRefusedWith?: number[];
  target(): Target | Promise<Target>;
}

const OPERATOR = () => testEnv.OPERATOR_TOKEN;
const since = () => new Date(Date.now() - 86_400_000).toISOString();

/** A fresh custom domain row of the victim tenant, for the route that removes one. */
async function freshDomainId(): Promise<string> {
  const hostname = `${unique('gone').toLowerCase()}.matrix-agency.com`;
  const [row] = rowsOf<{ id: string }>(
    await arranged.db.execute(
      sql`insert into tenant_domains (tenant_id, hostname, verification_status) values (${victim.tenantId}, ${hostname}, 'pending') returning id`,
    ),
  );
  return row!.id;
}

async function victimDomainId(): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await arranged.db.execute(sql`select id from tenant_domains where tenant_id = ${victim.tenantId} and hostname = ${victim.hostname}`),
  );
  return row!.id;
}

/** A fresh session of the victim's agency owner, so ending it leaves the shared cookies working. */
const ownerSession = async (): Promise<Credential> => ({ cookie: await sessionCookie(arranged.db, victim.userIds[0]!) });

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;

const invitee = () => ({ email: `${unique('invitee')}@matrix.test` });

/** A pending invitation made by the victim's owner, to a tenant's or the agency's people. */
async function freshInvitationId(place: 'tenant' | 'agency'): Promise<string> {
  const path = place === 'tenant' ? `/api/tenants/${victim.slug}/invitations` : '/api/agency/invitations';
  const created = await call(path, {
    method: 'POST',
    headers: { cookie: victim.cookies.agencyOwner, 'content-type': 'application/json' },
    body: JSON.stringify({ ...invitee(), role: place === 'tenant' ? 'viewer' : 'admin' }),
  });
  if (created.status !== 201) throw new Error(`invitation failed: ${created.status} ${await created.text()}`);
  return ((await json(created)).invitation as { id: string }).id;
}

async function victimAccountId(): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await arranged.db.execute(sql`select id from ad_accounts where tenant_id = ${victim.tenantId} order by created_at limit 1`),
  );
  return row!.id;
}

/** A fresh connection of the victim tenant (placeholder ciphertexts), for the route that disconnects one. */
async function freshConnectionId(): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await arranged.db.execute(
      sql`insert into connections (tenant_id, platform, external_user_id, access_token_enc) values (${victim.tenantId}, 'linkedin', ${unique('gone')}, 'v1.test.test') returning id`,
    ),
  );
  return row!.id;
}

/** A new onboarding link of the victim tenant, made by its agency's write key. */
async function freshOnboardingLink(): Promise<{ id: string; url: string }> {
  const created = await v1Raw(`/tenants/${victim.tenantId}/onboarding-links`, victim.keys.write.key, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (created.status !== 201) throw new Error(`onboarding link failed: ${created.status} ${await created.text()}`);
  return (await created.json()) as { id: string; url: string };
}

let linkToken: string | undefined;
/** The token of one onboarding link of the victim tenant, made once. */
async function onboardingToken(): Promise<string> {
  linkToken ??= new URL((await freshOnboardingLink()).url).pathname.split('/').pop()!;
  return linkToken;
}

let victimLogo: Promise<string> | undefined;
/** The served path of the victim tenant's kept logo, written once through its agency's write key (the fake public web serves it). */
function victimLogoPath(): Promise<string> {
  victimLogo ??= (async () => {
    const res = await v1Raw(`/tenants/${victim.tenantId}`, victim.keys.write.key, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ branding: { logoUrl: 'https://cdn.matrix-victim.test/logo.png' } }),
    });
    if (res.status !== 200) throw new Error(`branding failed: ${res.status} ${await res.text()}`);
    const [row] = rowsOf<{ sha: string }>(
      await arranged.db.execute(sql`select sha256 as sha from tenant_assets where tenant_id = ${victim.tenantId} and kind = 'logo'`),
    );
    return `/api/brand/${victim.tenantId}/logo/${row!.sha}`;
  })();
  return victimLogo;
}

/** A link nobody was sent: the token is the credential of these pages, so a made-up one shows the "unknown link" page. */
const madeUpToken = () => `${unique('tok')}${'x'.repeat(32)}`;

const CASES: Record<string, RouteCase> = {
  // --- /api: session routes
  'GET /api/health': {
    public: 'load balancers and uptime checks probe it',
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: '/api/health' }),
  },
  'GET /api/brand/:tenantId/:kind/:sha256': {
    public: 'a tenant’s logo and favicon are public (its sign-in page shows them); on another tenant’s custom host they are not served',
    legit: 'owner',
    legitStatus: [200],
    target: async () => ({ path: `/api/brand/${victim.tenantId}/logo/${'0'.repeat(64)}`, tokenPath: await victimLogoPath() }),
  },
  'POST /api/auth/login': {
    public: 'signing in is how a session starts',
    legit: 'owner',
    legitStatus: [401],
    target: () => ({ path: '/api/auth/login', body: { email: `${unique('nobody')}@matrix.test`, password: 'wrong-password' } }),
  },
  'POST /api/auth/logout': {
    public: 'signing out ends the caller’s own session, and without one ends nothing',
    legit: 'owner',
    legitStatus: [204, 200],
    target: async () => ({ path: '/api/auth/logout', legitAs: await ownerSession() }),
  },
  'GET /api/me': { self: 'the caller’s own profile', legit: 'owner', legitStatus: [200], target: () => ({ path: '/api/me' }) },
  'GET /api/me/sessions': {
    self: 'the caller’s own sessions',
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: '/api/me/sessions' }),
  },
  'DELETE /api/me/sessions/:id': {
    self: 'ends one of the caller’s own sessions; another user’s handle is not found',
    legit: 'owner',
    legitStatus: [204],
    target: async () => {
      const other = (await ownerSession()).cookie!;
      return { path: `/api/me/sessions/${await sessionHandle(await sha256Hex(other.split('=')[1]!))}` };
    },
  },
  'GET /api/tenants': {
    self: 'the tenants the caller belongs to',
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: '/api/tenants' }),
  },
  'GET /api/tenants/:tenant/overview': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.slug}/overview?from=2026-11-01&to=2026-11-02` }),
  },
  'GET /api/tenants/:tenant/spend-by-day': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.tenantId}/spend-by-day?from=2026-11-01&to=2026-11-02` }),
  },
  'GET /api/tenants/:tenant/campaigns': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.slug}/campaigns?from=2026-11-01&to=2026-11-02` }),
  },
  'GET /api/tenants/:tenant/report/totals': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.slug}/report/totals?from=2026-11-01&to=2026-11-02&compare=previous&currency=reporting` }),
  },
  'GET /api/tenants/:tenant/report/by-day': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.slug}/report/by-day?from=2026-11-01&to=2026-11-02&compare=previous&currency=reporting` }),
  },
  'GET /api/tenants/:tenant/report/by-platform': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({
      path: `/api/tenants/${victim.slug}/report/by-platform?from=2026-11-01&to=2026-11-02&compare=previous&currency=reporting`,
    }),
  },
  'GET /api/tenants/:tenant/report/by-account': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({
      path: `/api/tenants/${victim.slug}/report/by-account?from=2026-11-01&to=2026-11-02&compare=previous&currency=reporting`,
    }),
  },
  'GET /api/tenants/:tenant/report/campaigns': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({
      path: `/api/tenants/${victim.slug}/report/campaigns?from=2026-11-01&to=2026-11-02&compare=previous&currency=reporting`,
    }),
  },
  'GET /api/tenants/:tenant/report/ad-groups': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({
      path: `/api/tenants/${victim.slug}/report/ad-groups?from=2026-11-01&to=2026-11-02&compare=previous&currency=reporting`,
    }),
  },
  'GET /api/tenants/:tenant/report/ads': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.slug}/report/ads?from=2026-11-01&to=2026-11-02&compare=previous&currency=reporting` }),
  },
  'GET /api/tenants/:tenant/report/freshness': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.tenantId}/report/freshness` }),
  },
  'GET /api/tenants/:tenant/pacing': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.slug}/pacing?date=2026-11-01` }),
  },
  'GET /api/tenants/:tenant/ad-accounts': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.tenantId}/ad-accounts` }),
  },
  'POST /api/tenants/:tenant/connections/:platform/connect': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantViewer',
    target: () => ({ path: `/api/tenants/${victim.slug}/connections/meta/connect`, body: {} }),
  },
  'POST /api/tenants/:tenant/ad-accounts/picks': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantViewer',
    target: async () => ({
      path: `/api/tenants/${victim.slug}/ad-accounts/picks`,
      body: { adAccountIds: [await victimAccountId()], sync: true },
    }),
  },
  'DELETE /api/tenants/:tenant/connections/:connectionId': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantViewer',
    target: async () => ({ path: `/api/tenants/${victim.slug}/connections/${await freshConnectionId()}` }),
  },

  // --- the client's onboarding link: its token is the credential (no session, no key)
  'GET /api/onboard/:token/accounts': {
    public: 'the link’s token is the credential: a made-up one is refused, the real one works on its own tenant’s hosts only',
    legit: 'owner',
    legitStatus: [200],
    target: async () => ({ path: `/api/onboard/${madeUpToken()}/accounts`, tokenPath: `/api/onboard/${await onboardingToken()}/accounts` }),
  },
  'POST /api/onboard/:token/connections/:platform/connect': {
    public: 'the link’s token is the credential: a made-up one is refused, the real one works on its own tenant’s hosts only',
    legit: 'owner',
    legitStatus: [200],
    target: async () => ({
      path: `/api/onboard/${madeUpToken()}/connections/meta/connect`,
      tokenPath: `/api/onboard/${await onboardingToken()}/connections/meta/connect`,
      body: {},
    }),
  },
  'POST /api/onboard/:token/ad-accounts/picks': {
    public: 'the link’s token is the credential: a made-up one is refused, the real one works on its own tenant’s hosts only',
    legit: 'owner',
    // A link may pick only the accounts of the grants made through it: this one has none yet.
    legitStatus: [404],
    target: async () => ({
      path: `/api/onboard/${madeUpToken()}/ad-accounts/picks`,
      tokenPath: `/api/onboard/${await onboardingToken()}/ad-accounts/picks`,
      body: { adAccountIds: [await victimAccountId()], sync: true },
    }),
  },
  'GET /onboard/[token]': {
    public: 'the link’s token is the credential: a made-up one is refused, the real one works on its own tenant’s hosts only',
    legit: 'owner',
    legitStatus: [200],
    target: async () => ({ path: `/onboard/${madeUpToken()}`, tokenPath: `/onboard/${await onboardingToken()}` }),
  },
  'GET /api/tenants/:tenant/pipeline-health': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/api/tenants/${victim.slug}/pipeline-health` }),
  },
  'GET /api/tenants/:tenant/domains': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: () => ({ path: `/api/tenants/${victim.slug}/domains` }),
  },
  'POST /api/tenants/:tenant/domains': {
    legit: 'owner',
    legitStatus: [201],
    weak: 'tenantEditor',
    target: () => ({ path: `/api/tenants/${victim.slug}/domains`, body: { hostname: `${unique('new').toLowerCase()}.matrix-agency.com` } }),
  },
  'POST /api/tenants/:tenant/domains/:id/check': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: async () => ({ path: `/api/tenants/${victim.slug}/domains/${await victimDomainId()}/check` }),
  },
  'DELETE /api/tenants/:tenant/domains/:id': {
    legit: 'owner',
    legitStatus: [204],
    weak: 'tenantEditor',
    target: async () => ({ path: `/api/tenants/${victim.slug}/domains/${await freshDomainId()}` }),
  },
  'PATCH /api/tenants/:tenant/settings': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    // The victim's own values: the owner's call is allowed and changes nothing.
    target: () => ({ path: `/api/tenants/${victim.slug}/settings`, body: { reportingCurrency: 'USD', timeZone: 'UTC' } }),
  },
  'GET /api/oauth/:platform/callback': {
    legit: 'owner',
    legitStatus: [302],
    // A state the caller's browser did not start (no nonce cookie, another user) is a 400 before anything is read.
    alsoRefusedWith: [400],
    target: async () => {
      const started = await call(`/api/tenants/${victim.slug}/connections/meta/connect`, {
        method: 'POST',
        headers: { cookie: victim.cookies.agencyOwner, origin: 'http://tidemark.test', 'content-type': 'application/json' },
        body: '{}',
      });
      const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
      const state = new URL(authorizeUrl).searchParams.get('state')!;
      // The nonce cookie stays in the victim's browser: only the victim's own call carries it.
      const nonce = (started.headers.get('set-cookie') ?? '').split(';')[0]!;
      return {
        path: `/api/oauth/meta/callback?state=${encodeURIComponent(state)}&error=access_denied`,
        legitAs: { cookie: `${victim.cookies.agencyOwner}; ${nonce}` },
      };
    },
  },
  'POST /api/ops/sync': {
    legit: 'operator',
    legitStatus: [400],
    target: () => ({ path: '/api/ops/sync', body: { tenant: victim.slug, platform: 'nope' } }),
  },
  'GET /api/ops/sync-runs': {
    legit: 'operator',
    legitStatus: [200],
    target: () => ({ path: `/api/ops/sync-runs?tenant=${victim.slug}&since=${encodeURIComponent(since())}` }),
  },
  'GET /api/ops/dead-letters': { legit: 'operator', legitStatus: [200], target: () => ({ path: '/api/ops/dead-letters' }) },
  'POST /api/ops/dead-letters/redrive': {
    legit: 'operator',
    legitStatus: [400],
    target: () => ({ path: '/api/ops/dead-letters/redrive', body: { ids: [] } }),
  },
  'GET /api/ops/pipeline-health': { legit: 'operator', legitStatus: [200], target: () => ({ path: '/api/ops/pipeline-health' }) },
  'GET /api/agency/pipeline-health': {
    self: 'the pipelines of the caller’s own agencies',
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: '/api/agency/pipeline-health' }),
  },
  'POST /api/agency/api-keys': {
    legit: 'owner',
    legitStatus: [201],
    weak: 'agencyViewer',
    target: () => ({ path: '/api/agency/api-keys', body: { name: unique('k'), scope: 'read', agencyId: victim.agencyId } }),
  },
  'GET /api/agency/api-keys': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'agencyViewer',
    target: () => ({ path: `/api/agency/api-keys?agencyId=${victim.agencyId}` }),
  },
  'DELETE /api/agency/api-keys/:keyId': {
    legit: 'owner',
    legitStatus: [204],
    weak: 'agencyViewer',
    target: async () => {
      const created = await call('/api/agency/api-keys', {
        method: 'POST',
        headers: { cookie: victim.cookies.agencyOwner, 'content-type': 'application/json' },
        body: JSON.stringify({ name: unique('doomed'), scope: 'read' }),
      });
      return { path: `/api/agency/api-keys/${(await json(created)).id}?agencyId=${victim.agencyId}` };
    },
  },
  'GET /api/agency/audit-log': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'agencyViewer',
    target: () => ({ path: `/api/agency/audit-log?agencyId=${victim.agencyId}` }),
  },

  // --- people: invitations and members (session API)
  'POST /api/tenants/:tenant/invitations': {
    legit: 'owner',
    legitStatus: [201],
    weak: 'tenantEditor',
    target: () => ({ path: `/api/tenants/${victim.slug}/invitations`, body: { ...invitee(), role: 'viewer' } }),
  },
  'GET /api/tenants/:tenant/invitations': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: () => ({ path: `/api/tenants/${victim.slug}/invitations` }),
  },
  'DELETE /api/tenants/:tenant/invitations/:invitationId': {
    legit: 'owner',
    legitStatus: [204],
    weak: 'tenantEditor',
    target: async () => ({ path: `/api/tenants/${victim.slug}/invitations/${await freshInvitationId('tenant')}` }),
  },
  'GET /api/tenants/:tenant/members': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: () => ({ path: `/api/tenants/${victim.slug}/members` }),
  },
  'PATCH /api/tenants/:tenant/members/:userId': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    // The tenant viewer stays a viewer: the call is allowed for the owner and changes nothing.
    target: () => ({ path: `/api/tenants/${victim.slug}/members/${victim.userIds[3]}`, body: { role: 'viewer' } }),
  },
  'DELETE /api/tenants/:tenant/members/:userId': {
    legit: 'owner',
    legitStatus: [204],
    weak: 'tenantEditor',
    target: async () => {
      const member = await userWith(arranged.db, { tenantId: victim.tenantId }, 'viewer');
      return { path: `/api/tenants/${victim.slug}/members/${member.id}` };
    },
  },
  'POST /api/agency/invitations': {
    legit: 'owner',
    legitStatus: [201],
    weak: 'agencyViewer',
    target: () => ({ path: '/api/agency/invitations', body: { ...invitee(), role: 'admin', agencyId: victim.agencyId } }),
  },
  'GET /api/agency/invitations': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'agencyViewer',
    target: () => ({ path: `/api/agency/invitations?agencyId=${victim.agencyId}` }),
  },
  'DELETE /api/agency/invitations/:invitationId': {
    legit: 'owner',
    legitStatus: [204],
    weak: 'agencyViewer',
    target: async () => ({ path: `/api/agency/invitations/${await freshInvitationId('agency')}?agencyId=${victim.agencyId}` }),
  },
  'GET /api/agency/members': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'agencyViewer',
    target: () => ({ path: `/api/agency/members?agencyId=${victim.agencyId}` }),
  },
  'PATCH /api/agency/members/:userId': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'agencyViewer',
    target: async () => {
      const admin = await userWith(arranged.db, { agencyId: victim.agencyId }, 'admin');
      return { path: `/api/agency/members/${admin.id}?agencyId=${victim.agencyId}`, body: { role: 'admin' } };
    },
  },
  'DELETE /api/agency/members/:userId': {
    legit: 'owner',
    legitStatus: [204],
    weak: 'agencyViewer',
    target: async () => {
      const admin = await userWith(arranged.db, { agencyId: victim.agencyId }, 'admin');
      return { path: `/api/agency/members/${admin.id}?agencyId=${victim.agencyId}` };
    },
  },

  // --- /api/v1: the agency provisioning API
  'GET /api/v1/tenants': {
    self: 'lists the key’s own agency’s tenants',
    legit: 'key',
    legitStatus: [200],
    target: () => ({ path: '/api/v1/tenants' }),
  },
  'POST /api/v1/tenants': {
    self: 'creates a tenant in the key’s own agency',
    legit: 'key',
    legitStatus: [201],
    weak: 'readKey',
    target: () => ({ path: '/api/v1/tenants', body: tenantBody() }),
  },
  'GET /api/v1/tenants/:tenantId': { legit: 'key', legitStatus: [200], target: () => ({ path: `/api/v1/tenants/${victim.tenantId}` }) },
  'PATCH /api/v1/tenants/:tenantId': {
    legit: 'key',
    legitStatus: [200],
    weak: 'readKey',
    target: () => ({ path: `/api/v1/tenants/${victim.tenantId}`, body: { name: victim.name } }),
  },
  'DELETE /api/v1/tenants/:tenantId': {
    legit: 'key',
    legitStatus: [204],
    weak: 'readKey',
    target: async () => {
      const created = await v1Raw('/tenants', victim.keys.write.key, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tenantBody()),
      });
      return { path: `/api/v1/tenants/${(await json(created)).id}` };
    },
  },
  'POST /api/v1/tenants/:tenantId/invitations': {
    legit: 'key',
    legitStatus: [201],
    weak: 'readKey',
    target: () => ({ path: `/api/v1/tenants/${victim.tenantId}/invitations`, body: { ...invitee(), role: 'viewer' } }),
  },
  'POST /api/v1/tenants/:tenantId/onboarding-links': {
    legit: 'key',
    legitStatus: [201],
    weak: 'readKey',
    target: () => ({ path: `/api/v1/tenants/${victim.tenantId}/onboarding-links`, body: {} }),
  },
  'DELETE /api/v1/tenants/:tenantId/onboarding-links/:linkId': {
    legit: 'key',
    legitStatus: [204],
    weak: 'readKey',
    target: async () => ({ path: `/api/v1/tenants/${victim.tenantId}/onboarding-links/${(await freshOnboardingLink()).id}` }),
  },
  'GET /api/v1/webhooks': {
    self: 'the key’s own agency’s webhooks',
    legit: 'key',
    legitStatus: [200],
    target: () => ({ path: '/api/v1/webhooks' }),
  },
  'POST /api/v1/webhooks': {
    self: 'registers a webhook for the key’s own agency',
    legit: 'key',
    legitStatus: [201],
    weak: 'readKey',
    target: () => ({ path: '/api/v1/webhooks', body: { url: `${testEnv.FAKES_URL}/receivers/webhooks/matrix`, events: ['sync.failed'] } }),
  },
  'DELETE /api/v1/webhooks/:webhookId': {
    legit: 'key',
    legitStatus: [204],
    weak: 'readKey',
    target: async () => {
      const created = await v1Raw('/webhooks', victim.keys.write.key, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${testEnv.FAKES_URL}/receivers/webhooks/matrix`, events: ['sync.failed'] }),
      });
      return { path: `/api/v1/webhooks/${(await json(created)).id}` };
    },
  },
  'GET /api/v1/openapi.json': {
    public: 'the API’s documentation',
    legit: 'key',
    legitStatus: [200],
    target: () => ({ path: '/api/v1/openapi.json' }),
  },
  'GET /api/v1/reference': {
    public: 'the API’s documentation',
    legit: 'key',
    legitStatus: [200],
    target: () => ({ path: '/api/v1/reference' }),
  },

  // --- pages
  'GET /': {
    self: 'sends the caller to their own tenant or tenant list',
    legit: 'owner',
    legitStatus: [303],
    target: () => ({ path: '/' }),
  },
  'GET /login': { public: 'the sign-in page', legit: 'owner', legitStatus: [303], target: () => ({ path: '/login' }) },
  'POST /login?/default': {
    public: 'the sign-in form',
    legit: 'owner',
    // A failed sign-in renders the form again with its message.
    legitStatus: [401],
    target: () => ({ path: '/login', body: { email: `${unique('nobody')}@matrix.test`, password: 'wrong-password' }, legitAs: {} }),
  },
  'GET /logout': {
    public: 'a plain visit only goes home, for anyone',
    legit: 'owner',
    legitStatus: [303],
    target: () => ({ path: '/logout' }),
  },
  'POST /logout?/default': {
    public: 'signing out ends the caller’s own session, and without one ends nothing',
    legit: 'owner',
    legitStatus: [303],
    target: async () => ({ path: '/logout', legitAs: await ownerSession() }),
  },
  'GET /forgot-password': {
    public: 'the form to ask for a reset link',
    legit: 'owner',
    legitStatus: [200, 303],
    target: () => ({ path: '/forgot-password' }),
  },
  'POST /forgot-password?/default': {
    public: 'asking for a reset link: the same answer for every email, and the link goes only to the address',
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: '/forgot-password', body: invitee(), legitAs: {} }),
  },
  'GET /reset-password/[token]': {
    public: 'the link is the credential; a made-up one names nobody',
    legit: 'owner',
    legitStatus: [200, 404, 410],
    target: () => ({ path: `/reset-password/${madeUpToken()}` }),
  },
  'POST /reset-password/[token]?/default': {
    public: 'the link is the credential; a made-up one changes nothing',
    legit: 'owner',
    legitStatus: [200, 400, 404, 410],
    target: () => ({
      path: `/reset-password/${madeUpToken()}`,
      body: { password: 'a-new-password-of-length', confirm: 'a-new-password-of-length' },
    }),
  },
  'GET /invite/[token]': {
    public: 'the link is the credential; a made-up one names nobody',
    legit: 'owner',
    legitStatus: [200, 404, 410],
    target: () => ({ path: `/invite/${madeUpToken()}` }),
  },
  'POST /invite/[token]?/default': {
    public: 'the link is the credential; a made-up one changes nothing',
    legit: 'owner',
    legitStatus: [200, 400, 404, 410],
    target: () => ({ path: `/invite/${madeUpToken()}`, body: { name: 'Someone', password: 'a-new-password-of-length' } }),
  },
  'GET /pipeline': {
    self: 'the pipelines of the caller’s own agencies',
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: '/pipeline' }),
  },
  'GET /tenants': { self: 'the tenants the caller belongs to', legit: 'owner', legitStatus: [200], target: () => ({ path: '/tenants' }) },
  'GET /t/[tenant]': { legit: 'owner', legitStatus: [200], target: () => ({ path: `/t/${victim.slug}` }) },
  'GET /t/[tenant]/connections': { legit: 'owner', legitStatus: [200], target: () => ({ path: `/t/${victim.slug}/connections` }) },
  'GET /t/[tenant]/pipeline': { legit: 'owner', legitStatus: [200], target: () => ({ path: `/t/${victim.slug}/pipeline` }) },
  'GET /t/[tenant]/pacing': { legit: 'owner', legitStatus: [200], target: () => ({ path: `/t/${victim.slug}/pacing` }) },
  'GET /t/[tenant]/settings': { legit: 'owner', legitStatus: [200], target: () => ({ path: `/t/${victim.slug}/settings` }) },
  'POST /t/[tenant]/settings?/reporting': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    // The victim's own values: allowed for the owner, and nothing changes.
    target: () => ({ path: `/t/${victim.slug}/settings?/reporting`, body: { reportingCurrency: 'USD', timeZone: 'UTC' } }),
  },
  'POST /t/[tenant]/settings?/branding': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: () => ({ path: `/t/${victim.slug}/settings?/branding`, body: { displayName: 'Victim Reports' } }),
  },
  'POST /t/[tenant]/settings?/invite': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: () => ({ path: `/t/${victim.slug}/settings?/invite`, body: { ...invitee(), role: 'viewer' } }),
  },
  'POST /t/[tenant]/settings?/role': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    // The tenant viewer stays a viewer.
    target: () => ({ path: `/t/${victim.slug}/settings?/role`, body: { userId: victim.userIds[3]!, role: 'viewer' } }),
  },
  'POST /t/[tenant]/settings?/remove': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: async () => {
      const member = await userWith(arranged.db, { tenantId: victim.tenantId }, 'viewer');
      return { path: `/t/${victim.slug}/settings?/remove`, body: { userId: member.id } };
    },
  },
  'POST /t/[tenant]/settings?/revoke': {
    legit: 'owner',
    legitStatus: [200],
    weak: 'tenantEditor',
    target: async () => ({ path: `/t/${victim.slug}/settings?/revoke`, body: { invitationId: await freshInvitationId('tenant') } }),
  },
  'GET /t/[tenant]/campaigns': { legit: 'owner', legitStatus: [200], target: () => ({ path: `/t/${victim.slug}/campaigns` }) },
  'GET /t/[tenant]/campaigns/[campaign]': {
    legit: 'owner',
    legitStatus: [200],
    target: () => ({ path: `/t/${victim.slug}/campaigns/${victim.campaignId}` }),
  },
  'GET /t/[tenant]/ads': { legit: 'owner', legitStatus: [200], target: () => ({ path: `/t/${victim.slug}/ads?metric=clicks` }) },

  // --- WebSockets (partyserver)
  'WS /parties/tenant-hub/:room': {
    legit: 'owner',
    legitStatus: [101],
    target: () => ({ path: `/parties/tenant-hub/${victim.tenantId}` }),
  },
  'WS /parties/platform-quota/:room': {
    legit: 'owner',
    // Internal to the Worker: nobody opens it from outside, the victim's owner included.
    legitStatus: [404],
    target: () => ({ path: `/parties/platform-quota/${victim.tenantId}` }),
  },
};

function kindOf(route: string): Kind {
  if (route.startsWith('WS ')) return 'socket';
  if (route.includes('?/')) return 'action';
  return route.split(' ')[1]!.startsWith('/api') ? 'api' : 'page';
}

/** One request as `who`, shaped like the route's clients send it. */
async function send(route: string, target: Target, who: Credential): Promise<Response> {
  const kind = kindOf(route);
  const method = kind === 'socket' ? 'GET' : route.split(' ')[0]!;
  const origin = `http://${who.host ?? 'tidemark.test'}`;
  const headers = new Headers();
  if (who.cookie) headers.set('cookie', who.cookie);
  if (who.bearer) headers.set('authorization', `Bearer ${who.bearer}`);
  let body: BodyInit | undefined;
  if (kind === 'socket') headers.set('upgrade', 'websocket');
  // A browser's fetch sends its Origin on a POST, PATCH or DELETE; same-origin routes refuse one without it.
  if (kind === 'api' && method !== 'GET') headers.set('origin', origin);
  if (kind === 'page' || kind === 'action') headers.set('accept', 'text/html');
  if (kind === 'action') {
    headers.set('origin', origin);
    body = new URLSearchParams((target.body ?? {}) as Record<string, string>);
  } else if (target.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(target.body);
  }
  const res = await call(target.path, { origin, method, headers, body, redirect: 'manual' });
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close();
  }
  return res;
}

function legitCredential(c: RouteCase, host?: string): Credential {
  if (c.legit === 'key') return { bearer: victim.keys.write.key, host };
  if (c.legit === 'operator') return { bearer: OPERATOR(), host };
  return { cookie: victim.cookies.agencyOwner, host };
}

interface Attack {
  name: string;
  who: Credential;
  /** True when the attacker holds a valid credential of their own (a self route may serve them). */
  ownCredential: boolean;
  /** Another path than the case's (the real token of a token route). */
  path?: string;
}

function attacksOn(c: RouteCase, target: Target): Attack[] {
  const attacks: Attack[] = [
    { name: 'another agency’s API key', who: { bearer: attacker.key.key }, ownCredential: true },
    { name: 'another tenant’s user', who: { cookie: attacker.cookie }, ownCredential: true },
    { name: 'a revoked API key', who: { bearer: victim.keys.revoked.key }, ownCredential: false },
    { name: 'an expired session', who: { cookie: victim.cookies.expired }, ownCredential: false },
  ];
  // On a self or public route the victim's credential acts on the victim's own account wherever it is sent.
  if (!c.self && !c.public)
    attacks.push({
      name: 'the victim’s credential on another tenant’s custom host',
      who: legitCredential(c, attacker.hostname),
      ownCredential: false,
    });
  if (target.tokenPath)
    attacks.push({
      name: 'the real link on another tenant’s custom host',
      who: { host: attacker.hostname },
      ownCredential: false,
      path: target.tokenPath,
    });
  if (c.weak === 'readKey')
    attacks.push({ name: 'a read-only key of the right agency', who: { bearer: victim.keys.read.key }, ownCredential: false });
  else if (c.weak)
    attacks.push({ name: `the ${c.weak} of the right tenant or agency`, who: { cookie: victim.cookies[c.weak] }, ownCredential: false });
  return attacks;
}

/** A refusal as the route's kind of client sees it. */
function refused(kind: Kind, res: Response, c: RouteCase): boolean {
  if ([401, 403, 404, ...(c.alsoRefusedWith ?? [])].includes(res.status)) return true;
  if (kind === 'page' || kind === 'action') return res.status === 303 && (res.headers.get('location') ?? '').startsWith('/login');
  return false;
}

const ROUTES = [...apiEndpoints(), ...pageEndpoints(), ...socketEndpoints()];

describe('the route inventory', () => {
  it('finds the API, page and socket routes in the code', () => {
    expect(apiEndpoints()).toContain('GET /api/tenants/:tenant/overview');
    expect(pageEndpoints()).toEqual(expect.arrayContaining(['GET /t/[tenant]', 'POST /login?/default']));
    expect(socketEndpoints()).toContain('WS /parties/tenant-hub/:room');
  });

  it('has a matrix case for every route, and none for a route that is gone', () => {
    const missing = ROUTES.filter((route) => !CASES[route]);
    expect(missing, `routes without a cross-tenant matrix case: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(CASES).filter((route) => !ROUTES.includes(route));
    expect(stale, `matrix cases for routes that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('serves every operation of the OpenAPI document, and documents every /api/v1 route', () => {
    const served = apiEndpoints().filter((route) => route.split(' ')[1]!.startsWith('/api/v1/'));
    expect(openApiOperations()).toEqual(served);
  });
});

describe.each(ROUTES.filter((route) => CASES[route]))('%s', (route) => {
  it('refuses every attacker, changes none of the victim’s rows, names the victim nowhere, and serves its own caller', async () => {
    const c = CASES[route]!;
    const kind = kindOf(route);
    const target = await c.target();
    const before = await snapshotVictim(arranged.db, victim);
    const failures: string[] = [];
    for (const attack of attacksOn(c, target)) {
      const res = await send(route, attack.path ? { ...target, path: attack.path } : target, attack.who);
      const text = `${res.headers.get('location') ?? ''}\n${res.status === 101 ? '' : await res.text()}`;
      const mayServe = (c.public && !attack.path) || (c.self && attack.ownCredential);
      if (res.status >= 500) failures.push(`${attack.name}: ${res.status}`);
      else if (!mayServe && !refused(kind, res, c)) failures.push(`${attack.name}: not refused (${res.status})`);
      const named = victimIdentifiersIn(text, victim, target.path);
      if (named.length) failures.push(`${attack.name}: the answer names the victim (${named.join(', ')})`);
    }
    expect(failures, `${route}`).toEqual([]);
    expect(await snapshotVictim(arranged.db, victim), `${route} changed the victim's rows`).toEqual(before);

    const again = await c.target();
    const res = await send(route, again.tokenPath ? { ...again, path: again.tokenPath } : again, again.legitAs ?? legitCredential(c));
    expect(c.legitStatus, `${route} as its own caller answered ${res.status}`).toContain(res.status);
  });
});
