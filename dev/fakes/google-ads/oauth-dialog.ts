import { type PkceChallenge, readChallenge } from '../pkce';
import type { FakeMember } from '../world/types';
import { CLIENT_ID } from './tokens';

const KNOWN = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'access_type',
  'prompt',
  'state',
  'login_hint',
  'include_granted_scopes',
  'code_challenge',
  'code_challenge_method',
  'enable_granular_consent',
]);

export interface AuthorizeRequest {
  redirectUri: string;
  scopes: string[];
  offline: boolean;
  state?: string;
  member: FakeMember;
  params: URLSearchParams;
  /** PKCE: the code this consent issues is redeemable only with the matching code_verifier. */
  pkce: PkceChallenge | null;
}

export type AuthorizeCheck = { ok: true; request: AuthorizeRequest } | { ok: false; status: 400 | 401; error: string; detail: string };

/** Accepts only http://127.0.0.1 and http://localhost redirect URIs, as registered for the dev client. */
export function isAllowedRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && url.hash === '';
  } catch {
    return false;
  }
}

/**
 * Validates the dialog's query the way accounts.google.com does (unknown parameters are refused, not ignored)
 * and picks who is signed in: the login_hint member if given, else the member chosen through the control API.
 */
export function checkAuthorize(params: URLSearchParams, members: FakeMember[], chosen: FakeMember | undefined): AuthorizeCheck {
  const fail = (status: 400 | 401, error: string, detail: string): AuthorizeCheck => ({ ok: false, status, error, detail });
  for (const name of params.keys()) {
    if (!KNOWN.has(name)) return fail(400, 'invalid_request', `Parameter not allowed for this message type: ${name}`);
  }
  const clientId = params.get('client_id');
  if (!clientId) return fail(400, 'invalid_request', 'Missing required parameter: client_id');
  if (clientId !== CLIENT_ID) return fail(401, 'invalid_client', 'The OAuth client was not found.');
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) return fail(400, 'invalid_request', 'Missing required parameter: redirect_uri');
  if (!isAllowedRedirectUri(redirectUri))
    return fail(400, 'redirect_uri_mismatch', `redirect_uri ${redirectUri} is not registered for this client`);
  const responseType = params.get('response_type');
  if (!responseType) return fail(400, 'invalid_request', 'Missing required parameter: response_type');
  if (responseType !== 'code') return fail(400, 'unsupported_response_type', `Unsupported response_type: ${responseType}`);
  const scope = params.get('scope');
  if (!scope?.trim()) return fail(400, 'invalid_request', 'Missing required parameter: scope');
  const scopes = scope.trim().split(/\s+/);
  if (scopes.some((s) => !/^(https:\/\/www\.googleapis\.com\/auth\/[a-z._]+|openid|email|profile)$/.test(s))) {
    return fail(400, 'invalid_scope', `Some requested scopes were invalid: ${scope}`);
  }
  const accessType = params.get('access_type') ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline') return fail(400, 'invalid_request', `Invalid access_type: ${accessType}`);
  const prompt = params.get('prompt');
  if (prompt?.split(' ').some((p) => !['none', 'consent', 'select_account'].includes(p))) {
    return fail(400, 'invalid_request', `Invalid prompt: ${prompt}`);
  }
  const hint = params.get('login_hint');
  const member = hint ? members.find((m) => m.id === hint || m.email === hint) : (chosen ?? members[0]);
  if (!member)
    return fail(
      400,
      'invalid_request',
      hint ? `login_hint ${hint} does not match any Google account of this fake` : 'No Google member exists in the fake world',
    );
  const pkce = readChallenge(params);
  if (pkce && 'error' in pkce) return fail(400, 'invalid_request', pkce.error);
  const state = params.get('state');
  return {
    ok: true,
    request: { redirectUri, scopes, offline: accessType === 'offline', ...(state !== null ? { state } : {}), member, params, pkce },
  };
}

/** The URL the dialog sends the browser back to. */
export function redirectBack(request: AuthorizeRequest, outcome: { code: string } | { error: 'access_denied' }): string {
  const url = new URL(request.redirectUri);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  if ('code' in outcome) {
    url.searchParams.set('code', outcome.code);
    url.searchParams.set('scope', request.scopes.join(' '));
  } else url.searchParams.set('error', outcome.error);
  return url.toString();
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function consentPage(request: AuthorizeRequest, action: string): string {
  const hidden = [...request.params]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Sign in - Google Accounts</title></head>
<body>
  <main>
    <h1>Tidemark wants to access your Google Account</h1>
    <p>Signed in as <strong>${escapeHtml(request.member.name)}</strong> (${escapeHtml(request.member.email)})</p>
    <p>This will allow Tidemark to: <em>See, edit, create and delete your Google Ads accounts and data</em> (${escapeHtml(request.scopes.join(' '))})</p>
    <form method="post" action="${escapeHtml(action)}">
      ${hidden}
      <button type="submit" name="decision" value="deny">Cancel</button>
      <button type="submit" name="decision" value="allow" id="submit_approve_access">Allow</button>
    </form>
  </main>
</body></html>`;
}

export function errorPage(status: number, error: string, detail: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error ${status}: ${escapeHtml(error)}</title></head>
<body><h1>Access blocked: Authorization Error</h1><p>Error ${status}: ${escapeHtml(error)}</p><p>${escapeHtml(detail)}</p></body></html>`;
}
