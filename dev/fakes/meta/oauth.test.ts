import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMetaFake, startMetaFake, TEST_REDIRECT_URI } from './test-server';

let fake: RunningMetaFake;
const dialogUrl = (params: Record<string, string> = {}) =>
  `${fake.url}/v24.0/dialog/oauth?${new URLSearchParams({ client_id: 'tidemark-dev', redirect_uri: TEST_REDIRECT_URI, scope: 'ads_read', state: 'st', response_type: 'code', ...params })}`;
const exchange = (params: Record<string, string>) =>
  fetch(
    `${fake.url}/v24.0/oauth/access_token?${new URLSearchParams({ client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret', redirect_uri: TEST_REDIRECT_URI, ...params })}`,
  );
const codeFrom = (res: Response) => new URL(res.headers.get('location')!).searchParams.get('code')!;

beforeAll(async () => {
  fake = await startMetaFake();
});
afterAll(() => fake.close());

describe('Meta fake OAuth dialog and token endpoint', () => {
  it('redirects straight back with code and state when auto-approve is on, signing in the chosen member', async () => {
    fake.ctx.oauth.choose('meta', { memberId: 'partner-a' });
    const res = await fetch(dialogUrl(), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/callback\?code=.+&state=st#_=_$/);
    const token = ((await (await exchange({ code: codeFrom(res) })).json()) as { access_token: string }).access_token;
    const me = (await (await fetch(`${fake.url}/v24.0/me?access_token=${token}`)).json()) as { name: string };
    expect(me.name).toBe(fake.ctx.world.members('meta').find((m) => m.key === 'partner-a')!.name);
    fake.ctx.oauth.choose('meta', { memberId: 'demo' });
  });

  it('shows a consent page when auto-approve is off, and the Allow form post redirects with a code', async () => {
    fake.ctx.oauth.choose('meta', { autoApprove: false });
    try {
      const page = await fetch(dialogUrl());
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('value="allow"');
      const form = new URLSearchParams(
        [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
      );
      form.set('decision', 'allow');
      const allowed = await fetch(`${fake.url}/v24.0/dialog/oauth`, { method: 'POST', body: form, redirect: 'manual' });
      expect(allowed.status).toBe(302);
      expect((await exchange({ code: codeFrom(allowed) })).status).toBe(200);
      form.set('decision', 'deny');
      const denied = await fetch(`${fake.url}/v24.0/dialog/oauth`, { method: 'POST', body: form, redirect: 'manual' });
      expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
    } finally {
      fake.ctx.oauth.choose('meta', { autoApprove: true });
    }
  });

  it('shows an error page for a wrong client_id, a non-local redirect_uri, an invalid scope or an unknown login_hint', async () => {
    const cases: Record<string, string>[] = [
      { client_id: 'someone-else' },
      { redirect_uri: 'https://evil.example/cb' },
      { scope: 'ads_read,superpowers' },
      { login_hint: 'nobody@nowhere' },
    ];
    for (const params of cases) {
      const res = await fetch(dialogUrl(params), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('exchanges a code once, only with the same redirect_uri and the right secret', async () => {
    const code = codeFrom(await fetch(dialogUrl(), { redirect: 'manual' }));
    expect(((await (await exchange({ code, client_secret: 'wrong' })).json()) as any).error).toMatchObject({
      code: 1,
      message: 'Error validating client secret.',
    });
    expect(((await (await exchange({ code, redirect_uri: 'http://localhost:1/other' })).json()) as any).error).toMatchObject({
      code: 100,
      error_subcode: 36008,
    });
    expect((await exchange({ code })).status).toBe(200);
    expect(((await (await exchange({ code })).json()) as any).error).toMatchObject({ code: 100, error_subcode: 36009 });
  });

  it('expires codes after ten minutes on the fake clock', async () => {
    const code = codeFrom(await fetch(dialogUrl(), { redirect: 'manual' }));
    fake.ctx.world.clock.advance(11 * 60_000);
    expect(((await (await exchange({ code })).json()) as any).error).toMatchObject({ error_subcode: 36007 });
  });

  it('has no refresh tokens: grant_type=refresh_token is refused', async () => {
    const res = await exchange({ grant_type: 'refresh_token' });
    expect(((await res.json()) as any).error.code).toBe(100);
  });
});
