import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Attacker,
  apiEndpoints,
  createAttacker,
  createVictim,
  pageEndpoints,
  sessionCookie,
  type Victim,
} from './cross-tenant-support';
import { call, closeWhenIdle, superDb, testEnv } from './support';

/*
 * Random and malformed input at every API route (api-v1-fuzz.test.ts goes deeper into the
 * provisioning API's bodies) and every page and form action: paths, query strings, headers and
 * bodies. Zero 5xx; every API 4xx is a problem-details body, and a validation failure names each field.
 */

const arranged = superDb();
let victim: Victim;
let other: Attacker;

beforeAll(async () => {
  victim = await createVictim(arranged.db);
  other = await createAttacker(arranged.db);
}, 120_000);
afterAll(() => closeWhenIdle(arranged));

/** Every API route, page and form action, as `METHOD /path/:param` (pages with their SvelteKit `[param]`). */
const ROUTES = [...apiEndpoints(), ...pageEndpoints()];

/** Routes that end the session they are called with: each call gets a session of its own. */
const ENDS_SESSION = new Set(['POST /api/auth/logout', 'POST /logout?/default']);

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('\u0000', 'a\u0000b', '%00', '../..', '..%2F', '😀'.repeat(30), '9'.repeat(400), '-1', 'NaN', '1e309', ' ', '\u202e'),
);
/** Printable ASCII: what an HTTP header value can carry. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 80 });

/** A value for one path parameter: a real one of the victim's (the fuzz reaches the handlers) or garbage. */
const paramValue = (name: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...realValues(name)) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: nasty },
  );

function realValues(name: string): string[] {
  if (name === 'tenant') return [victim.slug, victim.tenantId];
  if (name === 'platform') return ['meta', 'google_ads', 'linkedin'];
  // Another agency's tenant: the victim's key gets past validation to the lookup, and no fuzzed DELETE removes the fixture.
  if (name === 'tenantId') return [other.tenantId];
  // Ids of nothing that route manages: the handler runs, and no fuzzed DELETE removes the fixture's keys or domains.
  return [victim.tenantId, victim.agencyId];
}

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom('email', 'password', 'name', 'scope', 'agencyId', 'hostname', 'tenant', 'platform', 'ids', 'all', 'x'),
      fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 })),
    )
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{',
    'null',
    '"\u0000"',
    '{"email":"\u0000","password":"\u0000"}',
    '{"hostname":"xn--ls8h.example.com\u0000"}',
    '{"ids":[1e309]}',
    '{"name":1e400,"scope":-0}',
    deep(5000),
    `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
    '\uFEFF{}',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/*
 * Weighted towards what gets a request past authentication (our host, a real session, a real key,
 * JSON): most shots reach the handlers' own validation instead of stopping at the door.
 */
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ),
    origin: fc.oneof(fc.constantFrom('http://tidemark.test', 'https://evil.example', 'null'), headerText),
    cookie: fc.oneof(
      { weight: 4, arbitrary: fc.constant('valid') },
      headerText,
      headerText.map((s) => `tm_session=${s}`),
    ),
    authorization: fc.oneof(
      headerText,
      headerText.map((s) => `Bearer ${s}`),
      { weight: 4, arbitrary: fc.constantFrom('operator', 'key') },
    ),
    accept: fc.constantFrom('text/html', 'application/json', '*/*', ''),
  },
  { requiredKeys: ['content-type', 'cookie', 'authorization'] },
);

/** Hosts a request can arrive on: ours, a verified custom domain, an unknown one, an address. */
const host = fc.constantFrom(
  'tidemark.test',
  'tidemark.test',
  'tidemark.test',
  'tidemark.test',
  'HOST_OF_OTHER',
  'never-registered.example.com',
  '127.0.0.1',
  'tidemark.test:8443',
);

const query = fc.dictionary(
  fc.constantFrom(
    'from',
    'to',
    'date',
    'state',
    'code',
    'error',
    'tenant',
    'since',
    'all',
    'agencyId',
    'before',
    'limit',
    'next',
    'backfillDays',
    'x',
  ),
  nasty,
  {
    maxKeys: 4,
  },
);

interface Shot {
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | undefined;
  host: string;
}

const shot = fc.constantFrom(...ROUTES).chain((route) => {
  const names = [...route.matchAll(/:(\w+)|\[(\w+)\]/g)].map((m) => m[1] ?? m[2]!);
  return fc.record({
    route: fc.constant(route),
    params: fc.record(Object.fromEntries(names.map((n) => [n, paramValue(n)]))),
    query,
    headers,
    body,
    host,
  });
});

/** The request a shot describes; `valid` and `operator` stand for real credentials (filled in here, never shrunk into garbage). */
async function fire(s: Shot): Promise<{ res: Response; url: string }> {
  const [method, pattern] = s.route.split(' ') as [string, string];
  const [pathPattern] = pattern.split('?/');
  const path = pathPattern!.replace(/:(\w+)|\[(\w+)\]/g, (_, a, b) => encodeURIComponent(s.params[a ?? b]!));
  const search = new URLSearchParams(s.query);
  // A form posts its unnamed action to the page itself; a named one to `?/name`.
  const name = pattern.split('?/')[1];
  const action = name && name !== 'default' ? `/${name}` : null;
  const url = `${path}${action ? `?${action}` : search.size ? `?${search}` : ''}`;
  const h = new Headers();
  for (const [name, value] of Object.entries(s.headers)) {
    if (name === 'cookie' && value === 'valid')
      h.set('cookie', ENDS_SESSION.has(s.route) ? await sessionCookie(arranged.db, victim.userIds[0]!) : victim.cookies.agencyOwner);
    else if (name === 'authorization' && value === 'operator') h.set('authorization', `Bearer ${testEnv.OPERATOR_TOKEN}`);
    else if (name === 'authorization' && value === 'key') h.set('authorization', `Bearer ${victim.keys.write.key}`);
    else h.set(name, value);
  }
  h.set('cf-connecting-ip', `192.0.2.${Math.floor(Math.random() * 250) + 1}`);
  const origin = `http://${s.host === 'HOST_OF_OTHER' ? other.hostname : s.host}`;
  const hasBody = method !== 'GET' && s.body !== undefined;
  const res = await call(url, { origin, method, headers: h, body: hasBody ? s.body : undefined, redirect: 'manual' });
  return { res, url: `${method} ${origin}${url}` };
}

/** No 5xx; an API 4xx is a problem with a code, and a validation failure names every field it refuses. */
async function expectWellFormed(res: Response, url: string): Promise<void> {
  const text = res.status === 101 ? '' : await res.text();
  expect(res.status, `${url} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  const isApi = new URL(url.split(' ')[1]!).pathname.startsWith('/api');
  // A HEAD answer has no body to read.
  if (!isApi || res.status < 400 || url.startsWith('HEAD ')) return;
  const problem = JSON.parse(text) as { code?: string; status?: number; issues?: Array<{ field?: string }> };
  expect(problem.code, `${url} → ${text.slice(0, 300)}`).toEqual(expect.any(String));
  expect(problem.status).toBe(res.status);
  if (problem.code === 'validation_failed') {
    expect(problem.issues?.length, `${url} → ${text.slice(0, 300)}`).toBeGreaterThan(0);
    for (const issue of problem.issues!) expect(issue.field?.length, `${url} → ${text.slice(0, 300)}`).toBeGreaterThan(0);
  }
}

describe('every API route, page and form action under malformed input', () => {
  it('answers random paths, queries, headers, hosts and bodies without a 5xx, each API 4xx a problem naming its fields', async () => {
    await fc.assert(
      fc.asyncProperty(shot, async (s) => {
        const { res, url } = await fire(s);
        await expectWellFormed(res, url);
      }),
      { numRuns: 300 },
    );
  });

  it('answers a 10 MB body at every route that takes one with a 4xx, never reading it whole into a 5xx', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
    for (const route of ROUTES.filter((r) => !r.startsWith('GET '))) {
      const { res, url } = await fire({
        route,
        params: Object.fromEntries([...route.matchAll(/:(\w+)|\[(\w+)\]/g)].map((m) => [m[1] ?? m[2]!, realValues(m[1] ?? m[2]!)[0]!])),
        query: {},
        headers: { 'content-type': 'application/json', cookie: 'valid', authorization: 'key', origin: 'http://tidemark.test' },
        body: huge,
        host: 'tidemark.test',
      });
      await expectWellFormed(res, url);
      // Every route here reads its body but the DELETEs and the API's sign-out, which take none.
      if (!route.startsWith('DELETE ') && route !== 'POST /api/auth/logout') expect(res.status, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('answers random paths under /api and the pages, with any form-action name, without a 5xx', async () => {
    const actionQuery = fc.oneof(
      fc.constantFrom('', '?/default', '?/', '?//', '?/nope', '?/default&/x', '?x=%00'),
      nasty.map((n) => `?/${encodeURIComponent(n)}`),
    );
    const segment = fc.oneof(
      nasty.map(encodeURIComponent),
      fc.constantFrom('api', 'tenants', 't', 'v1', 'ops', 'agency', 'me', 'oauth', 'parties', '..', '.', '%2e%2e', '%00', '//'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 6 }),
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
        actionQuery,
        async (segments, method, search) => {
          const path = `/${segments.join('/')}${search}`;
          const res = await call(path, { method, headers: { cookie: victim.cookies.agencyOwner }, redirect: 'manual' });
          await expectWellFormed(res, `${method} http://tidemark.test${path}`);
        },
      ),
      {
        numRuns: 80,
        // Always tried besides the random ones: the page forms, named and unnamed.
        examples: [
          [['login'], 'POST', '?/default'],
          [['logout'], 'POST', '?/default'],
          [['login'], 'POST', '?/nope'],
        ],
      },
    );
  });
});
