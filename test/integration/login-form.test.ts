import { parse } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTenantWithData, signInCookie, superDb, type TestTenant } from './support';

/*
 * The sign-in form action maps sign-in's result itself (the API route has its own mapping). Posted
 * here as the enhanced form does it (x-sveltekit-action: the answer is JSON with devalue-encoded data).
 */

const arranged = superDb();
let member: TestTenant;

beforeAll(async () => {
  member = await createTenantWithData(arranged.db, []);
});
afterAll(() => arranged.close());

async function submitLogin(email: string, password: string, ip: string, query = '') {
  const res = await call(`/login${query}`, {
    method: 'POST',
    headers: { origin: 'http://tidemark.test', 'x-sveltekit-action': 'true', 'cf-connecting-ip': ip },
    body: new URLSearchParams({ email, password }),
  });
  const body = (await res.json()) as { type: string; status?: number; location?: string; data?: string };
  return { type: body.type, status: body.status, location: body.location, data: body.data ? parse(body.data) : undefined, res };
}

describe('the sign-in form', () => {
  it('says the email or password is incorrect with a 401, and keeps the email in the form', async () => {
    const answer = await submitLogin(member.email, 'wrong password', '203.0.113.10');
    expect(answer).toMatchObject({
      type: 'failure',
      status: 401,
      data: { email: member.email, message: 'The email or password is incorrect.' },
    });
  });

  it('after repeated failures pauses sign-in, saying for how long, even with the right password', async () => {
    for (let i = 1; i < 5; i++) expect((await submitLogin(member.email, 'still wrong', `203.0.113.${10 + i}`)).status).toBe(401);
    const answer = await submitLogin(member.email, member.password, '203.0.113.99');
    expect(answer).toMatchObject({ type: 'failure', status: 429, data: { email: member.email } });
    expect((answer.data as { message: string }).message).toMatch(
      /^Too many failed sign-in attempts\. For your security, sign-in is paused: try again in 1[45] minutes\.$/,
    );
  });

  it('signs a member in and sets the session cookie', async () => {
    const fresh = await createTenantWithData(arranged.db, []);
    const answer = await submitLogin(fresh.email, fresh.password, '203.0.113.120');
    expect(answer).toMatchObject({ type: 'redirect', status: 303, location: '/' });
    expect(answer.res.headers.get('set-cookie')).toMatch(/^tm_session=[^;]+;.*HttpOnly/i);
  });

  it.each([
    ['a tab', '/%09/evil.example'],
    ['a newline', '/%0A/evil.example'],
    ['a backslash', '/%5Cevil.example'],
    ['a dot segment', '/.//evil.example'],
  ])('sends a signed-in visitor home when `next` hides another host behind %s', async (_, next) => {
    const fresh = await createTenantWithData(arranged.db, []);
    const cookie = await signInCookie(fresh.email, fresh.password, '203.0.113.121');
    const res = await call(`/login?next=${next}`, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('after signing in follows `next` to a page of this site, and refuses one that leads elsewhere', async () => {
    const fresh = await createTenantWithData(arranged.db, []);
    const inside = await submitLogin(fresh.email, fresh.password, '203.0.113.122', `?next=${encodeURIComponent(`/t/${fresh.slug}`)}`);
    expect(inside).toMatchObject({ type: 'redirect', location: `/t/${fresh.slug}` });
    const outside = await submitLogin(fresh.email, fresh.password, '203.0.113.122', '?next=/%09/evil.example');
    expect(outside).toMatchObject({ type: 'redirect', location: '/' });
  });
});
