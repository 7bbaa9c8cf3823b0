import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, type TestTenant } from './support';

/* Input a browser or a script can send that the database would choke on: each is a 4xx that names what was wrong, never a 500. */

const arranged = superDb();
let member: TestTenant;
let cookie: string;

beforeAll(async () => {
  member = await createTenantWithData(arranged.db, []);
  cookie = await signInCookie(member.email, member.password, '198.51.100.61');
});
afterAll(() => closeWhenIdle(arranged));

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/application\/(problem\+)?json/);
  return (await res.json()) as { code: string; issues?: Array<{ field: string; message: string }> };
}

describe('dates outside the range the dashboards serve', () => {
  it.each([
    ['from', '0000-01-01', '0000-01-02'],
    ['from', '1999-12-31', '2000-01-05'],
    ['to', '2100-12-30', '2101-01-01'],
    ['to', '9999-12-30', '9999-12-31'],
  ])('answers 400 naming `%s` for %s..%s', async (field, from, to) => {
    const res = await call(`/api/tenants/${member.slug}/overview?from=${from}&to=${to}`, { headers: { cookie } });
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.code).toBe('validation_failed');
    expect(body.issues?.map((i) => i.field)).toContain(field);
    expect(body.issues?.find((i) => i.field === field)?.message).toMatch(/2000-01-01.*2100-12-31/);
  });

  it('answers 400 naming `date` for a pacing day in year 0', async () => {
    const res = await call(`/api/tenants/${member.slug}/pacing?date=0000-03-01`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect((await problem(res)).issues?.map((i) => i.field)).toEqual(['date']);
  });

  it('still serves a range at the edges of the bounds', async () => {
    const res = await call(`/api/tenants/${member.slug}/overview?from=2000-01-01&to=2000-01-02`, { headers: { cookie } });
    expect(res.status).toBe(200);
  });
});

describe('path parameters that are neither an id nor a slug', () => {
  const badRefs = [
    ['a NUL byte', '%00'],
    ['a NUL inside a slug', 'a%00b'],
    ['a 300-character slug', 'x'.repeat(300)],
    ['a right-to-left override', '%E2%80%AE'],
    ['a space', 'a%20b'],
    ['an encoded path traversal', '..%2F..'],
  ];

  it.each(badRefs)('answers the tenant routes for %s with a 404 problem', async (_, ref) => {
    for (const path of ['overview?from=2026-11-01&to=2026-11-02', 'ad-accounts', 'pipeline-health', 'connections/meta/connect']) {
      const res = await call(`/api/tenants/${ref}/${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect((await problem(res)).code).toBe('not_found');
    }
  });

  it('answers an unknown platform with NUL in it with a 404 problem', async () => {
    const res = await call(`/api/tenants/${member.slug}/connections/me%00ta/connect`, {
      method: 'POST',
      headers: { cookie, origin: 'http://tidemark.test', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe('not_found');
  });

  it.each(badRefs)('refuses the live-updates socket for %s with 404', async (_, ref) => {
    const res = await call(`/parties/tenant-hub/${ref}`, { headers: { upgrade: 'websocket', cookie } });
    expect(res.status).toBe(404);
  });

  it.each(badRefs)('shows the not-found page for a dashboard address with %s', async (_, ref) => {
    for (const page of ['', '/connections', '/pipeline']) {
      const res = await call(`/t/${ref}${page}`, { headers: { cookie } });
      expect(res.status, page).toBe(404);
      expect(await res.text()).toContain('Page not found');
    }
  });
});

describe('a JSON body larger than 64 KB on the unauthenticated sign-in route', () => {
  /** An endless body of spaces that counts what was pulled from it (it would never end if read whole). */
  function endlessBody() {
    const pulled = { bytes: 0 };
    const chunk = new Uint8Array(16 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled.bytes += chunk.byteLength;
        // A safety stop far above what a fixed route may read, so a regression fails instead of hanging.
        if (pulled.bytes > 64 * 1024 * 1024) return controller.close();
        controller.enqueue(chunk.slice());
      },
    });
    return { stream, pulled };
  }

  it('answers 413 problem details for a 10 MB body', async () => {
    const body = `{"email":"a@b.example","password":"${'x'.repeat(10 * 1024 * 1024)}"}`;
    const res = await call('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect((await problem(res)).code).toBe('payload_too_large');
  });

  it('answers 413 for a chunked body without Content-Length, and stops reading it at the limit', async () => {
    const { stream, pulled } = endlessBody();
    const res = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      // @ts-expect-error -- workerd needs duplex for a streamed request body; the DOM types do not know it.
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect((await problem(res)).code).toBe('payload_too_large');
    expect(pulled.bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('answers 413 before reading when Content-Length already says the body is too large', async () => {
    const res = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      body: 'x'.repeat(10 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });
});
