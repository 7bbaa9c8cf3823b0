import { type Context, Hono } from 'hono';
import type { FakeContext } from '../context';
import { type PkceChallenge, verifierMatches } from '../pkce';
import { OAuthError, type OAuthErrorBody } from './errors';
import { type AuthorizeRequest, checkAuthorize, consentPage, errorPage, redirectBack } from './oauth-dialog';
import { CLIENT_ID, CLIENT_SECRET, type TokenResponse, type TokenStore } from './tokens';

const DIALOG_PATH = '/o/oauth2/v2/auth';

/** accounts.google.com's dialog and oauth2.googleapis.com's token endpoint, as Google Ads clients use them. */
export function createOAuthRoutes(ctx: FakeContext, tokens: TokenStore, drop: (c: Context) => Response): Hono {
  const app = new Hono();
  /** PKCE challenges by the code their consent issued. */
  const challenges = new Map<string, PkceChallenge>();
  const record = (method: string, path: string, status: number, principal?: string) =>
    ctx.calls.record({
      service: 'google_ads',
      method,
      path,
      ...(principal ? { principal } : {}),
      at: ctx.world.clock.now().getTime(),
      status,
      cost: 0,
    });

  const dialog = (c: Context, params: URLSearchParams, decision?: string) => {
    const members = ctx.world.members('google_ads');
    const checked = checkAuthorize(params, members, ctx.oauth?.member('google_ads'));
    if (!checked.ok) {
      record(c.req.method, DIALOG_PATH, checked.status);
      return c.html(errorPage(checked.status, checked.error, checked.detail), checked.status);
    }
    const request = checked.request;
    const approve = (r: AuthorizeRequest) => {
      const code = tokens.issueCode({ memberId: r.member.id, scopes: r.scopes, redirectUri: r.redirectUri, offline: r.offline });
      if (r.pkce) challenges.set(code, r.pkce);
      return code;
    };
    if (decision === undefined && !(ctx.oauth?.autoApprove('google_ads') ?? true)) {
      record(c.req.method, DIALOG_PATH, 200, request.member.id);
      return c.html(consentPage(request, `${ctx.publicBaseUrl}/google-ads${DIALOG_PATH}`));
    }
    record(c.req.method, DIALOG_PATH, 302, request.member.id);
    const outcome = decision === 'deny' ? { error: 'access_denied' as const } : { code: approve(request) };
    return c.redirect(redirectBack(request, outcome), 302);
  };

  app.get(DIALOG_PATH, (c) => dialog(c, new URL(c.req.url).searchParams));
  app.post(DIALOG_PATH, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const decision = form.get('decision') ?? 'deny';
    form.delete('decision');
    return dialog(c, form, decision);
  });

  const token = async (c: Context) => {
    const path = new URL(c.req.url).pathname.replace(/^.*(\/oauth2\/v3\/token|\/token)$/, '$1');
    const fault = ctx.faults.take('google_ads', { path });
    const text = await c.req.text();
    let status = 200;
    let body: TokenResponse | OAuthErrorBody;
    let principal: string | undefined;
    try {
      if (fault?.kind === 'server_error') throw new OAuthError(500, 'internal_failure', 'Backend Error');
      if (fault?.kind === 'rate_limit') throw new OAuthError(429, 'rate_limit_exceeded', 'Rate Limit Exceeded');
      const form = (c.req.header('content-type') ?? '').includes('application/json') ? jsonForm(text) : new URLSearchParams(text);
      ({ body, principal } = exchange(tokens, form, c.req.header('authorization'), fault?.kind === 'revoked_token', challenges));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      status = error.httpStatus;
      body = error.body();
    }
    record('POST', path, fault?.kind === 'timeout' ? 0 : status, principal);
    if (fault?.kind === 'timeout') {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 30_000));
      return drop(c);
    }
    const json = JSON.stringify(body, null, 2);
    const sent = fault?.kind === 'truncated_body' && status === 200 ? json.slice(0, Math.floor(json.length / 2)) : json;
    return new Response(sent, {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate' },
    });
  };
  app.post('/token', token);
  app.post('/oauth2/v3/token', token);

  // oauth2.googleapis.com/revoke: `token` (access or refresh) in the form or the query; revoking a refresh token ends the grant.
  app.post('/revoke', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const value = form.get('token') ?? new URL(c.req.url).searchParams.get('token');
    const member = value ? tokens.memberOfRefreshToken(value) : undefined;
    if (member) tokens.revokeMember(member);
    const known = member !== undefined || (value ? tokens.control(value, 'revoke') !== null : false);
    record('POST', '/revoke', known ? 200 : 400, member);
    if (!known) return c.json({ error: 'invalid_token', error_description: 'Token expired or revoked' }, 400);
    return c.body(null, 200);
  });
  return app;
}

function jsonForm(text: string): URLSearchParams {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return new URLSearchParams(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    throw new OAuthError(400, 'invalid_request', 'Invalid JSON payload received.');
  }
}

const TOKEN_PARAMETERS = new Set([
  'grant_type',
  'code',
  'redirect_uri',
  'refresh_token',
  'client_id',
  'client_secret',
  'code_verifier',
  'scope',
]);

/** The token endpoint's decision for one request (client authentication, then the grant). */
function exchange(
  tokens: TokenStore,
  form: URLSearchParams,
  authorization: string | undefined,
  revoke: boolean,
  challenges: Map<string, PkceChallenge>,
): { body: TokenResponse; principal?: string } {
  for (const name of form.keys()) {
    if (!TOKEN_PARAMETERS.has(name)) throw new OAuthError(400, 'invalid_request', `Parameter not allowed for this message type: ${name}`);
  }
  let clientId = form.get('client_id');
  let clientSecret = form.get('client_secret');
  const basic = authorization && /^Basic\s+(\S+)$/i.exec(authorization);
  if (basic) [clientId, clientSecret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') as [string, string];
  if (!clientId) throw new OAuthError(400, 'invalid_request', 'Could not determine client ID from request.');
  if (clientId !== CLIENT_ID) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (clientSecret !== CLIENT_SECRET) throw new OAuthError(401, 'invalid_client', 'Unauthorized');
  const grantType = form.get('grant_type') ?? '';
  if (grantType === 'authorization_code') {
    const code = form.get('code');
    if (!code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code');
    const redirectUri = form.get('redirect_uri');
    if (!redirectUri) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    const challenge = challenges.get(code);
    if (challenge) {
      const verifier = form.get('code_verifier');
      if (!verifier) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
      if (!verifierMatches(challenge, verifier)) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
      challenges.delete(code);
    }
    return { body: tokens.exchangeCode(code, redirectUri) };
  }
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    if (revoke) {
      const member = tokens.memberOfRefreshToken(refreshToken);
      if (member) tokens.revokeMember(member);
    }
    const body = tokens.refresh(refreshToken);
    return { body, principal: tokens.memberOfRefreshToken(refreshToken) };
  }
  throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
}
