/** www.linkedin.com's OAuth 2.0 authorization-code flow: the consent dialog and the token endpoint. */
import { type Context, Hono } from 'hono';
import type { FakeContext } from '../context';
import type { FakeMember } from '../world/types';
import { LinkedInOAuthError, oauthErrors } from './errors';
import type { TokenStore } from './tokens';

export const CLIENT_ID = 'tidemark-dev';
export const CLIENT_SECRET = 'tidemark-dev-secret';
/** Scopes the registered app has been granted (Advertising API, read and write). */
export const APP_SCOPES = ['r_ads', 'r_ads_reporting', 'rw_ads'];

/** The member the dialog signs in as: `login_hint` (id, email or demo key) wins over the control API's choice. */
function chosenMember(ctx: FakeContext, loginHint: string | undefined): FakeMember | { error: string } {
  const members = ctx.world.members('linkedin');
  if (loginHint === undefined) {
    const member = ctx.oauth?.member('linkedin') ?? members.find((m) => m.key === 'demo') ?? members[0];
    return member ?? { error: 'No LinkedIn member exists in the fake world.' };
  }
  const member = members.find((m) => m.id === loginHint || m.email === loginHint || m.key === loginHint);
  return (
    member ?? { error: `Unknown LinkedIn member '${loginHint}'. Known: ${members.map((m) => `${m.key ?? m.id} (${m.email})`).join(', ')}` }
  );
}

const autoApprove = (ctx: FakeContext) => ctx.oauth?.autoApprove('linkedin') ?? true;

const isLocalRedirect = (uri: string) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(uri);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function errorPage(c: Context, message: string) {
  return c.html(
    `<!doctype html><title>LinkedIn</title><h1>Bummer, something went wrong.</h1><p id="error">${escapeHtml(message)}</p>`,
    400,
  );
}

function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

export function createOAuthRoutes(ctx: FakeContext, tokens: TokenStore): Hono {
  const app = new Hono();

  /** Checks the dialog request; returns an error page response, an error redirect, or the approved grant. */
  type Approved = { redirectUri: string; scopes: string[]; member: FakeMember; state?: string };
  function review(c: Context, params: Record<string, string | undefined>): { stop: Response } | Approved {
    const { client_id, redirect_uri, response_type, scope, state } = params;
    if (client_id !== CLIENT_ID) return { stop: errorPage(c, 'The passed in client_id is invalid.') };
    if (!redirect_uri || !isLocalRedirect(redirect_uri)) {
      return { stop: errorPage(c, 'The redirect_uri does not match the registered value.') };
    }
    if (response_type !== 'code') {
      return {
        stop: c.redirect(redirectWith(redirect_uri, { error: 'invalid_request', error_description: 'response_type must be code', state })),
      };
    }
    const scopes = (scope ?? '').split(/[\s,]+/).filter(Boolean);
    const unknown = scopes.find((s) => !APP_SCOPES.includes(s));
    if (scopes.length === 0 || unknown !== undefined) {
      const error_description = unknown
        ? `Scope "${unknown}" is not authorized for your application`
        : 'A required parameter "scope" is missing';
      return { stop: c.redirect(redirectWith(redirect_uri, { error: 'unauthorized_scope_error', error_description, state })) };
    }
    const member = chosenMember(ctx, params.login_hint);
    if ('error' in member) return { stop: errorPage(c, member.error) };
    return { redirectUri: redirect_uri, scopes, member, state };
  }

  function approve(grant: Approved) {
    const code = tokens.issueCode({ memberId: grant.member.id, scopes: grant.scopes, clientId: CLIENT_ID, redirectUri: grant.redirectUri });
    return redirectWith(grant.redirectUri, { code, state: grant.state });
  }

  app.get('/oauth/v2/authorization', (c) => {
    const outcome = review(c, c.req.query());
    if ('stop' in outcome) return outcome.stop;
    if (autoApprove(ctx)) return c.redirect(approve(outcome), 302);
    const hidden = Object.entries(c.req.query())
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    return c.html(
      `<!doctype html><title>LinkedIn</title><h1>Tidemark would like to access your advertising data</h1>` +
        `<p>Signed in as ${escapeHtml(outcome.member.name)} (${escapeHtml(outcome.member.email)})</p>` +
        `<p>Permissions: ${outcome.scopes.map(escapeHtml).join(', ')}</p>` +
        `<form method="post">${hidden}<button name="action" value="allow">Allow</button> <button name="action" value="cancel">Cancel</button></form>`,
    );
  });

  app.post('/oauth/v2/authorization', async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    const outcome = review(c, form);
    if ('stop' in outcome) return outcome.stop;
    if (form.action !== 'allow') {
      return c.redirect(
        redirectWith(outcome.redirectUri, {
          error: 'user_cancelled_authorize',
          error_description: 'The user cancelled the authorization',
          state: outcome.state,
        }),
        302,
      );
    }
    return c.redirect(approve(outcome), 302);
  });

  app.post('/oauth/v2/accessToken', async (c) => {
    try {
      if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        throw new LinkedInOAuthError(400, {
          error: 'invalid_request',
          error_description: 'Content-Type must be application/x-www-form-urlencoded',
        });
      }
      const form = new URLSearchParams(await c.req.text());
      const need = (name: string) => {
        const value = form.get(name);
        if (!value) throw oauthErrors.missingParam(name);
        return value;
      };
      const grantType = need('grant_type');
      if (grantType !== 'authorization_code' && grantType !== 'refresh_token') throw oauthErrors.unsupportedGrant(grantType);
      if (need('client_id') !== CLIENT_ID || need('client_secret') !== CLIENT_SECRET) throw oauthErrors.invalidClient();
      const body =
        grantType === 'authorization_code'
          ? tokens.redeemCode(need('code'), CLIENT_ID, need('redirect_uri'))
          : tokens.refresh(need('refresh_token'));
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    } catch (error) {
      if (error instanceof LinkedInOAuthError) return c.json(error.body, error.status);
      throw error;
    }
  });

  // POST /oauth/v2/revoke (RFC 7009 style): client credentials and the token; an unknown token is answered 200 too.
  app.post('/oauth/v2/revoke', async (c) => {
    try {
      const form = new URLSearchParams(await c.req.text());
      const need = (name: string) => {
        const value = form.get(name);
        if (!value) throw oauthErrors.missingParam(name);
        return value;
      };
      if (need('client_id') !== CLIENT_ID || need('client_secret') !== CLIENT_SECRET) throw oauthErrors.invalidClient();
      tokens.control(need('token'), 'revoke');
      return c.body(null, 200);
    } catch (error) {
      if (error instanceof LinkedInOAuthError) return c.json(error.body, error.status);
      throw error;
    }
  });

  return app;
}
