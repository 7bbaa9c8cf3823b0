/** PKCE and revocation of the three connectors against the local fakes (startFakes) over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../db/schema/enum-values';
import { startFakes } from '../../dev/fakes/testing';
import { codeChallengeS256, createCodeVerifier } from '../connections/pkce';
import { getConnector } from './registry';
import { FAKE_APP, FAKE_REDIRECT_URI } from './testing/contract';

let fakes: Awaited<ReturnType<typeof startFakes>>;
const PREFIX: Record<Platform, string> = { meta: '/meta', google_ads: '/google-ads', linkedin: '/linkedin' };
const base = (platform: Platform) => `${fakes.url}${PREFIX[platform]}`;

beforeAll(async () => {
  fakes = await startFakes({ now: new Date('2026-05-20T10:00:00Z'), speed: 0, seed: 5 });
});
afterAll(() => fakes?.close());

/** The consent dialog's code for a consent URL built by the connector (the fakes auto-approve). */
async function consent(platform: Platform, codeChallenge?: string): Promise<{ code: string; url: URL }> {
  const url = new URL(
    getConnector(platform).oauth.authorizeUrl({
      authorizeBaseUrl: base(platform),
      clientId: FAKE_APP.clientId,
      redirectUri: FAKE_REDIRECT_URI,
      state: 's',
      ...(codeChallenge ? { codeChallenge } : {}),
    }),
  );
  const res = await fetch(url, { redirect: 'manual' });
  const code = new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('code');
  if (!code) throw new Error(`no code: ${res.status} ${await res.text()}`);
  return { code, url };
}

const exchange = (platform: Platform, code: string, codeVerifier?: string) =>
  getConnector(platform).oauth.exchangeCode({
    http: { fetch, baseUrl: base(platform) },
    app: FAKE_APP,
    code,
    redirectUri: FAKE_REDIRECT_URI,
    ...(codeVerifier ? { codeVerifier } : {}),
  });

const canList = async (platform: Platform, accessToken: string) =>
  (await getConnector(platform).listAccounts({ credentials: { accessToken }, http: { fetch, baseUrl: base(platform) } })).ok;

describe.each(['google_ads', 'meta'] as const)('PKCE with %s', (platform) => {
  it('is declared supported and sends an S256 challenge in the consent URL', async () => {
    expect(getConnector(platform).oauth.pkce).toBe(true);
    const challenge = await codeChallengeS256(createCodeVerifier());
    const { url } = await consent(platform, challenge);
    expect([url.searchParams.get('code_challenge'), url.searchParams.get('code_challenge_method')]).toEqual([challenge, 'S256']);
  });

  it('exchanges the code with the matching verifier', async () => {
    const verifier = createCodeVerifier();
    const { code } = await consent(platform, await codeChallengeS256(verifier));
    const exchanged = await exchange(platform, code, verifier);
    expect(exchanged.ok).toBe(true);
  });

  it('refuses the code with a wrong verifier or none, as the platform would', async () => {
    const { code } = await consent(platform, await codeChallengeS256(createCodeVerifier()));
    const wrong = await exchange(platform, code, createCodeVerifier());
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
    const missing = await exchange(platform, code);
    expect(missing).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
    if (!wrong.ok)
      expect(wrong.error.message).toMatch(platform === 'google_ads' ? /invalid_grant|Invalid code verifier/ : /code verifier/i);
  });
});

describe('PKCE with LinkedIn', () => {
  it('is not sent: LinkedIn offers PKCE to native apps only', async () => {
    expect(getConnector('linkedin').oauth.pkce).toBe(false);
  });
});

describe.each(['google_ads', 'meta', 'linkedin'] as const)('revoking a %s grant', (platform) => {
  it('makes the access token stop working, and a second revocation still succeeds', async () => {
    const verifier = createCodeVerifier();
    const pkce = getConnector(platform).oauth.pkce;
    const { code } = await consent(platform, pkce ? await codeChallengeS256(verifier) : undefined);
    const exchanged = await exchange(platform, code, pkce ? verifier : undefined);
    if (!exchanged.ok) throw new Error(exchanged.error.message);
    const { accessToken, refreshToken } = exchanged.tokens;
    expect(await canList(platform, accessToken)).toBe(true);
    const revoke = getConnector(platform).oauth.revoke!;
    const token = platform === 'google_ads' && refreshToken ? refreshToken : accessToken;
    expect(await revoke({ http: { fetch, baseUrl: base(platform) }, app: FAKE_APP, token })).toEqual({ ok: true });
    expect(await canList(platform, accessToken)).toBe(false);
    expect(await revoke({ http: { fetch, baseUrl: base(platform) }, app: FAKE_APP, token })).toEqual({ ok: true });
  });
});
