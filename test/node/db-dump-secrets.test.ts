import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { withAgency } from '../../db/database';
import { createNodeDb } from '../../db/node-client';
import { createApiKey } from '../../db/queries/api-keys';
import { agencies } from '../../db/schema';
import type { Platform } from '../../db/schema/enum-values';
import { createTestTenant, createTestUser } from '../../db/testing/factories';
import { developmentVars } from '../../dev/dev-vars';
import type { FakeServer } from '../../dev/fakes/server';
import { startFakes } from '../../dev/fakes/testing';
import { apiKeyEnvironment, generateApiKey } from '../../worker/auth/api-keys';
import { signIn } from '../../worker/auth/sign-in';
import { importTokenKeyring } from '../../worker/auth/token-crypto';
import { completeConnection } from '../../worker/connections/connect';
import { codeChallengeS256, createCodeVerifier } from '../../worker/connections/pkce';
import { getConnector } from '../../worker/connectors/registry';
import { configuredMailer } from '../../worker/email/mailer';
import { type Config, parseConfig, platformEndpoints, tokenKeys } from '../../worker/env';
import { fromBase64Url } from '../../worker/lib/base64url';
import { inviteToTenant } from '../../worker/people/invite';
import { requestPasswordReset } from '../../worker/people/password-reset';
import { createEndpoint } from '../../worker/webhooks/endpoints';
import { type DumpableDatabase, startDumpableDatabase } from './pglite-dump';

/*
 * A real pg_dump of the database holds no secret in the clear: each kind of secret the product
 * stores is written through the product's own code, its plaintext kept here, and the dump is
 * searched for it and for its common encodings.
 */

interface World {
  db: Database;
  config: Config;
  fakes: FakeServer;
  agencyId: string;
  tenantId: string;
  /** The agency owner who connects the platforms. */
  ownerId: string;
}

/** One kind of secret: written through the product's code; returns every plaintext it produced. */
interface SecretKind {
  kind: string;
  write(world: World): Promise<string[]>;
}

/**
 * Every kind of secret the database receives. A feature that stores a new one adds it here:
 * invitation and password-reset tokens (people), onboarding-link tokens and PKCE verifiers (onboarding).
 */
const SECRET_KINDS: SecretKind[] = [
  {
    kind: 'password',
    async write({ db }) {
      const { password } = await createTestUser(db, { password: `correct horse ${crypto.randomUUID()}` });
      return [password];
    },
  },
  {
    kind: 'session token',
    async write({ db }) {
      const { user, password } = await createTestUser(db);
      const signedIn = await signIn(db, { email: user.email, password, ip: '192.0.2.10', userAgent: 'dump-test' });
      if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.reason}`);
      return [signedIn.session.token];
    },
  },
  {
    kind: 'agency API key',
    async write({ db, agencyId }) {
      const { user } = await createTestUser(db, { agencyRoles: [{ agencyId, role: 'owner' }] });
      const created = await generateApiKey(apiKeyEnvironment('test'));
      await withAgency(db, agencyId, (tx) =>
        createApiKey(tx, { name: 'dump', prefix: created.prefix, keyHash: created.keyHash, scope: 'write', createdByUserId: user.id }),
      );
      return [created.key];
    },
  },
  {
    kind: 'webhook signing secret',
    async write({ db, config, agencyId, fakes }) {
      const keyring = await importTokenKeyring(tokenKeys(config));
      const { secret } = await createEndpoint(db, keyring, agencyId, {
        url: `${fakes.url}/receivers/webhooks/dump`,
        events: ['sync.failed'],
      });
      return [secret];
    },
  },
  {
    kind: 'invitation token',
    async write(world) {
      const email = `invitee-${crypto.randomUUID()}@dump.test`;
      const { user } = await createTestUser(world.db, { agencyRoles: [{ agencyId: world.agencyId, role: 'owner' }] });
      const invited = await inviteToTenant(
        { db: world.db, mailer: configuredMailer(world.config), appOrigin: 'http://tidemark.test', production: false, now: new Date() },
        { id: world.tenantId, name: 'Dump Tenant', agencyId: world.agencyId },
        { kind: 'user', userId: user.id, name: user.name, role: 'owner' },
        { email, role: 'viewer' },
      );
      if (!invited.ok) throw new Error(`invitation failed: ${invited.reason}`);
      return [await emailedToken(world, email, '/invite')];
    },
  },
  {
    kind: 'password-reset token',
    async write(world) {
      const { user } = await createTestUser(world.db);
      const sent: Array<Promise<void>> = [];
      const requested = await requestPasswordReset(
        {
          db: world.db,
          mailer: configuredMailer(world.config),
          appOrigin: 'http://tidemark.test',
          brandTenant: null,
          production: false,
          now: new Date(),
          background: (work) => sent.push(work(world.db)),
        },
        { email: user.email, ip: '192.0.2.11' },
      );
      if (!requested.ok) throw new Error('reset request refused');
      await Promise.all(sent);
      return [await emailedToken(world, user.email, '/reset-password')];
    },
  },
  ...(['google_ads', 'linkedin', 'meta'] as const).map(
    (platform): SecretKind => ({
      kind: `${platform} OAuth access and refresh tokens`,
      write: (world) => connectThroughOAuth(world, platform),
    }),
  ),
];

/** The token of the link the SendGrid fake received for `email` (the only place the plaintext goes). */
async function emailedToken(world: World, email: string, path: '/invite' | '/reset-password'): Promise<string> {
  const { items } = (await (await fetch(`${world.fakes.url}/_control/outbox/sendgrid`)).json()) as {
    items: Array<{ summary: { to: string[]; text?: string } }>;
  };
  const text = items.find((m) => m.summary.to.includes(email))?.summary.text ?? '';
  const token = new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(text)?.[1];
  if (!token) throw new Error(`no ${path} link mailed to ${email}`);
  return token;
}

/**
 * The platform's consent (auto-approved by the fake) and the product's code exchange, as the
 * callback runs it; the tokens are read off the wire as the platform sent them.
 */
async function connectThroughOAuth(world: World, platform: Platform): Promise<string[]> {
  const endpoints = platformEndpoints(world.config, platform);
  const redirectUri = `http://127.0.0.1:8787/api/oauth/${platform}/callback`;
  const connector = getConnector(platform);
  // PKCE as the connect start does it (worker/connections/start.ts): the verifier travels only in the sealed state.
  const codeVerifier = connector.oauth.pkce ? createCodeVerifier() : undefined;
  const consent = await fetch(
    connector.oauth.authorizeUrl({
      authorizeBaseUrl: endpoints.authorizeBase,
      clientId: endpoints.app.clientId,
      redirectUri,
      state: 'dump-test',
      ...(codeVerifier ? { codeChallenge: await codeChallengeS256(codeVerifier) } : {}),
    }),
    { redirect: 'manual' },
  );
  const code = new URL(consent.headers.get('location') ?? 'http://x/').searchParams.get('code');
  if (!code) throw new Error(`${platform} consent gave no code: ${consent.status}`);
  const seen: string[] = [];
  const completed = await completeConnection(
    {
      db: world.db,
      config: world.config,
      tokenKeys: await importTokenKeyring(tokenKeys(world.config)),
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        const body = (await res
          .clone()
          .json()
          .catch(() => null)) as Record<string, unknown> | null;
        for (const field of ['access_token', 'refresh_token']) if (typeof body?.[field] === 'string') seen.push(body[field] as string);
        return res;
      },
      now: () => new Date(),
      enqueue: async () => {},
    },
    {
      tenantId: world.tenantId,
      tenantTimeZone: 'UTC',
      platform,
      code,
      redirectUri,
      backfillDays: 7,
      ...(codeVerifier ? { codeVerifier } : {}),
      actor: { userId: world.ownerId },
    },
  );
  if (!completed.ok) throw new Error(`${platform} connect failed: ${completed.error.message}`);
  return seen;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const base64url = (bytes: Uint8Array) => base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The secret as text, base64, base64url and hex; a secret that is itself base64url also as its raw bytes in hex and base64. */
function encodingsOf(secret: string): Record<string, string> {
  const forms: Record<string, string> = {
    plaintext: secret,
    base64: base64(utf8(secret)).replace(/=+$/, ''),
    base64url: base64url(utf8(secret)),
    hex: hex(utf8(secret)),
  };
  const random = secret.replace(/^tmk_[a-z]+_/, '');
  if (/^[A-Za-z0-9_-]{16,}$/.test(random)) {
    try {
      const raw = fromBase64Url(random);
      forms['decoded bytes as hex'] = hex(raw);
      forms['decoded bytes as base64'] = base64(raw).replace(/=+$/, '');
    } catch {
      // Not base64url after all: its text forms are enough.
    }
  }
  return forms;
}

let database: DumpableDatabase;
let world: World;
let written: Array<{ kind: string; secret: string }>;
let dump: string;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  database = await startDumpableDatabase();
  const fakes = await startFakes();
  const parsed = parseConfig(developmentVars({ appEnv: 'test', databaseUrl: database.url, wsProxy: '127.0.0.1:9', fakesUrl: fakes.url }));
  if (!parsed.ok) throw new Error(`config: ${JSON.stringify(parsed.issues)}`);
  // pglite-socket serves one connection at a time.
  const node = createNodeDb(database.url, 1);
  closeDb = node.close;
  const [agency] = await node.db.insert(agencies).values({ name: 'Dump Agency' }).returning();
  const tenant = await createTestTenant(node.db, { agencyId: agency!.id });
  const { user: owner } = await createTestUser(node.db, { agencyRoles: [{ agencyId: agency!.id, role: 'owner' }] });
  world = { db: node.db, config: parsed.config, fakes, agencyId: agency!.id, tenantId: tenant.id, ownerId: owner.id };
  written = [];
  for (const kind of SECRET_KINDS) for (const secret of await kind.write(world)) written.push({ kind: kind.kind, secret });
  await node.close();
  await fakes.close();
  dump = await database.dump();
}, 120_000);

afterAll(async () => {
  await closeDb?.().catch(() => {});
  await database?.stop();
});

describe('a pg_dump of the database', () => {
  it('is a real dump of the migrated schema and the rows just written', () => {
    expect(dump).toMatch(/^-- Dumped by pg_dump version \d+/m);
    expect(dump).toContain('CREATE TABLE public.connections');
    // The wasm pg_dump writes rows as INSERT statements (it has no COPY to stdout).
    expect(dump).toMatch(/^INSERT INTO public\.connections VALUES /m);
    expect(dump).toMatch(/^INSERT INTO public\.api_keys VALUES /m);
    expect(dump).toMatch(/^INSERT INTO public\.sessions VALUES /m);
    expect(dump).toMatch(/^INSERT INTO public\.webhook_endpoints VALUES /m);
  });

  it('received a secret of every kind, and each platform gave access and refresh tokens', () => {
    for (const kind of SECRET_KINDS) expect(written.filter((w) => w.kind === kind.kind).length, kind.kind).toBeGreaterThan(0);
    expect(written.filter((w) => w.kind.startsWith('google_ads')).length).toBe(2);
    expect(written.filter((w) => w.kind.startsWith('linkedin')).length).toBe(2);
  });

  it('contains no secret in plaintext, base64, base64url or hex', () => {
    const found = written.flatMap(({ kind, secret }) =>
      Object.entries(encodingsOf(secret))
        .filter(([, form]) => dump.includes(form))
        .map(([encoding]) => `${kind} (${encoding})`),
    );
    expect(found).toEqual([]);
  });
});
