/** Outermost middleware: applies injected faults in LinkedIn's own shapes and records every call. */
import type { Context, MiddlewareHandler } from 'hono';
import type { FakeContext, FaultRule } from '../context';
import type { LinkedInEnv } from './app-env';
import { apiErrors, oauthErrors } from './errors';
import { bearerToken } from './guard';
import type { TokenStore } from './tokens';

/** The server mounts this app under /linkedin; ledger paths are recorded below it. */
const PREFIX = '/linkedin';

export function pathBelowPrefix(path: string): string {
  return path === PREFIX || path.startsWith(`${PREFIX}/`) ? path.slice(PREFIX.length) || '/' : path;
}

/** The ad account a request is about, read cheaply from the path or an `accounts` facet. */
function accountIdOf(c: Context): string | undefined {
  const inPath = /\/adAccounts\/(\d+)/.exec(c.req.path)?.[1];
  if (inPath) return inPath;
  const facet = /[?&]accounts=List\(urn%3Ali%3AsponsoredAccount%3A(\d+)\)/.exec(c.req.url)?.[1];
  return facet;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface NodeBindings {
  incoming?: { socket?: { destroy(): void } };
}

async function dropConnection(c: Context, delayMs: number): Promise<Response> {
  await sleep(delayMs);
  (c.env as NodeBindings | undefined)?.incoming?.socket?.destroy();
  // Without a Node socket (app.request in tests) there is nothing to drop: answer nothing useful.
  return new Response(null, { status: 504 });
}

function renderFault(c: Context<LinkedInEnv>, fault: FaultRule, tokens: TokenStore, isOAuth: boolean): Response | null {
  const principal = c.get('principal');
  switch (fault.kind) {
    case 'server_error':
      return c.json(apiErrors.serverError().body, 500);
    case 'rate_limit':
      return c.json(apiErrors.throttled('APPLICATION').body, 429);
    case 'revoked_token': {
      if (principal) tokens.revokeMember(principal);
      if (isOAuth) return c.json(oauthErrors.invalidGrant().body, 400);
      return c.json(apiErrors.revokedToken().body, 401);
    }
    default:
      return null;
  }
}

export function createObserver(ctx: FakeContext, tokens: TokenStore): MiddlewareHandler<LinkedInEnv> {
  return async (c, next) => {
    const path = pathBelowPrefix(c.req.path);
    const isOAuth = path.startsWith('/oauth/');
    const bearer = bearerToken(c.req.header('authorization'));
    const principal = tokens.peek(bearer)?.memberId ?? (isOAuth ? await refreshTokenOwner(c, tokens) : undefined);
    if (principal) c.set('principal', principal);
    c.set('cost', 0);

    const fault = ctx.faults.take('linkedin', { path, accountId: accountIdOf(c) });
    if (fault?.kind === 'timeout') {
      const response = await dropConnection(c, fault.delayMs ?? 30_000);
      record(ctx, c, path, response.status);
      return response;
    }
    const faulted = fault ? renderFault(c, fault, tokens, isOAuth) : null;
    if (faulted) {
      record(ctx, c, path, faulted.status);
      return faulted;
    }

    await next();
    if (fault?.kind === 'truncated_body') {
      const text = await c.res.text();
      const headers = new Headers(c.res.headers);
      headers.delete('content-length');
      c.res = new Response(text.slice(0, Math.floor(text.length / 2)), { status: 200, headers });
    }
    record(ctx, c, path, c.res.status);
  };
}

async function refreshTokenOwner(c: Context, tokens: TokenStore): Promise<string | undefined> {
  if (c.req.method !== 'POST') return undefined;
  const form = new URLSearchParams(await c.req.raw.clone().text());
  return tokens.refreshOwner(form.get('refresh_token') ?? undefined);
}

function record(ctx: FakeContext, c: Context<LinkedInEnv>, path: string, status: number): void {
  ctx.calls.record({
    service: 'linkedin',
    method: c.req.method,
    path,
    accountId: c.get('accountId') ?? accountIdOf(c),
    principal: c.get('principal'),
    at: ctx.world.clock.now().getTime(),
    status,
    cost: status === 429 ? 0 : c.get('cost'),
  });
}
