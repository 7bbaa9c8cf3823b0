import { type PkceChallenge, readChallenge, verifierMatches } from '../pkce';
import type { FakeMember } from '../world/types';
import { MetaError, metaErrorBody, metaErrors, newFbtraceId } from './errors';
import type { GraphRequest } from './request';
import { CLIENT_ID, CLIENT_SECRET, type MetaState } from './state';
import { LONG_LIVED_SECONDS, SHORT_LIVED_SECONDS } from './tokens';

export interface OAuthOutcome {
  status: number;
  body: string;
  headers: Record<string, string>;
  principal?: string;
}

export const KNOWN_SCOPES = [
  'ads_read',
  'ads_management',
  'business_management',
  'read_insights',
  'public_profile',
  'email',
  'pages_show_list',
  'pages_read_engagement',
];
const DIALOG_PARAMS = [
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'response_type',
  'login_hint',
  'auth_type',
  'display',
  'decision',
  'code_challenge',
  'code_challenge_method',
];
const TOKEN_PARAMS = ['client_id', 'client_secret', 'redirect_uri', 'code', 'grant_type', 'fb_exchange_token', 'code_verifier'];

/** PKCE challenges by the code their consent issued, per fake instance. */
const challengesOf = new WeakMap<MetaState, Map<string, PkceChallenge>>();
const challenges = (state: MetaState) => challengesOf.get(state) ?? challengesOf.set(state, new Map()).get(state)!;

export function handleOAuth(state: MetaState, kind: 'oauth_dialog' | 'oauth_token', req: GraphRequest): OAuthOutcome {
  if (kind === 'oauth_token') {
    try {
      const result = exchangeToken(state, req.params);
      return { status: 200, body: JSON.stringify(result.body), headers: {}, principal: result.memberId };
    } catch (error) {
      if (!(error instanceof MetaError)) throw error;
      return { status: error.spec.status, body: JSON.stringify(metaErrorBody(error.spec, newFbtraceId())), headers: {} };
    }
  }
  return dialog(state, req);
}

function exchangeToken(state: MetaState, params: Map<string, string>): { body: Record<string, unknown>; memberId: string } {
  for (const key of params.keys())
    if (!TOKEN_PARAMS.includes(key)) throw metaErrors.invalidParameter(`The parameter ${key} is not supported by this endpoint`);
  const require = (key: string) => {
    const value = params.get(key);
    if (!value) throw metaErrors.invalidParameter(`Missing ${key} parameter.`);
    return value;
  };
  if (require('client_id') !== CLIENT_ID)
    throw new MetaError({ status: 400, code: 101, message: 'Error validating application. Invalid application ID.' });
  if (require('client_secret') !== CLIENT_SECRET) throw new MetaError({ status: 400, code: 1, message: 'Error validating client secret.' });
  const grantType = params.get('grant_type');
  if (grantType === 'fb_exchange_token') {
    const grant = state.tokens.exchangeForLongLived(require('fb_exchange_token'));
    return { body: { access_token: grant.token, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS }, memberId: grant.memberId };
  }
  if (grantType !== undefined && grantType !== 'authorization_code')
    throw metaErrors.invalidParameter(
      `Unsupported grant_type ${grantType}: this app exchanges codes and fb_exchange_token only (Meta has no refresh tokens)`,
    );
  const challenge = challenges(state).get(require('code'));
  // Facebook Login's PKCE: a code issued for a code_challenge is redeemed only with its code_verifier.
  if (challenge) {
    if (!verifierMatches(challenge, params.get('code_verifier')))
      throw new MetaError({
        status: 400,
        code: 100,
        message: 'Invalid code verifier. The code_verifier does not match the code_challenge.',
      });
    challenges(state).delete(require('code'));
  }
  const grant = state.tokens.redeemCode(require('code'), require('redirect_uri'));
  return { body: { access_token: grant.token, token_type: 'bearer', expires_in: SHORT_LIVED_SECONDS }, memberId: grant.memberId };
}

function dialog(state: MetaState, req: GraphRequest): OAuthOutcome {
  const params = req.params;
  const page = (status: number, title: string, message: string): OAuthOutcome => ({
    status,
    body: html(title, `<p>${escapeHtml(message)}</p>`),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  for (const key of params.keys()) if (!DIALOG_PARAMS.includes(key)) return page(400, 'Error', `Unexpected parameter: ${key}`);
  if (params.get('client_id') !== CLIENT_ID) return page(400, 'Invalid App ID', 'The provided app ID does not look like a valid app ID.');
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!isAllowedRedirect(redirectUri))
    return page(400, 'URL Blocked', "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.");
  const responseType = params.get('response_type') ?? 'code';
  if (responseType !== 'code') return page(400, 'Error', `response_type ${responseType} is not supported by this app (use code)`);
  const scopes = (params.get('scope') ?? '').split(/[,\s]+/).filter(Boolean);
  const invalid = scopes.filter((s) => !KNOWN_SCOPES.includes(s));
  if (invalid.length)
    return page(400, 'Invalid Scopes', `Invalid Scopes: ${invalid.join(', ')}. This message is only shown to developers.`);
  const member = chooseMember(state, params.get('login_hint'));
  if (!member) return page(400, 'Unknown member', `No Meta member matches login_hint ${params.get('login_hint')}`);
  const pkce = readChallenge(params);
  if (pkce && 'error' in pkce) return page(400, 'Error', pkce.error);

  const redirect = (query: Record<string, string>): OAuthOutcome => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
    // Facebook appends "#_=_" to every login redirect.
    return {
      status: 302,
      body: '',
      headers: { Location: `${target.toString()}#_=_`, 'Content-Type': 'text/html; charset=utf-8' },
      principal: member.id,
    };
  };
  const stateParam: Record<string, string> = params.has('state') ? { state: params.get('state')! } : {};
  const decision = req.method === 'POST' ? params.get('decision') : state.ctx.oauth?.autoApprove('meta') === false ? undefined : 'allow';
  if (decision === 'allow') {
    const code = state.tokens.issueCode(member.id, scopes, redirectUri);
    if (pkce) challenges(state).set(code, pkce);
    return redirect({ code, ...stateParam });
  }
  if (decision === 'deny')
    return redirect({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      ...stateParam,
    });
  if (req.method === 'POST') return page(400, 'Error', 'decision must be allow or deny');
  return {
    status: 200,
    body: consentPage(state, req, member, scopes),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    principal: member.id,
  };
}

function chooseMember(state: MetaState, loginHint: string | undefined): FakeMember | undefined {
  const members = state.ctx.world.members('meta');
  if (loginHint !== undefined) return members.find((m) => m.id === loginHint || m.email === loginHint || m.key === loginHint);
  return state.ctx.oauth?.member('meta') ?? members[0];
}

function isAllowedRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

function consentPage(state: MetaState, req: GraphRequest, member: FakeMember, scopes: string[]): string {
  const hidden = [...req.params]
    .filter(([key]) => key !== 'login_hint')
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join('');
  const action = escapeHtml(state.prefix + req.path);
  return html(
    'Log in with Facebook',
    `<p>Signed in as <strong>${escapeHtml(member.name)}</strong> (${escapeHtml(member.email)}).</p>
<p>Tidemark (dev) is requesting: ${escapeHtml(scopes.join(', ') || 'public_profile')}</p>
<form method="post" action="${action}">${hidden}<input type="hidden" name="login_hint" value="${escapeHtml(member.id)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Cancel</button></form>`,
  );
}

function html(title: string, content: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${content}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
