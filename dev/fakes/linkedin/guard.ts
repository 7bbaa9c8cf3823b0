/**
 * Everything api.linkedin.com checks before a /rest handler runs: method and query tunneling,
 * URL length, Rest.li headers, Linkedin-Version, the bearer token and the daily limits.
 */
import type { MiddlewareHandler } from 'hono';
import type { FakeContext } from '../context';
import type { LinkedInEnv } from './app-env';
import { apiErrors } from './errors';
import { parseQueryParams } from './restli';
import { exhaustedBucket } from './throttle';
import type { TokenStore } from './tokens';
import { versionError } from './versions';

/** Longest request line the fake accepts before answering 414 (LinkedIn's exact limit is unpublished). */
export const MAX_URL_BYTES = 8 * 1024;
const KNOWN_RESTLI_HEADERS = new Set(['x-restli-protocol-version', 'x-restli-method']);

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

async function requestParams(c: Parameters<MiddlewareHandler<LinkedInEnv>>[0]): Promise<Map<string, string>> {
  const url = c.req.url;
  const queryStart = url.indexOf('?');
  const fromUrl = parseQueryParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  if (c.req.method === 'GET') return fromUrl;
  if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    throw apiErrors.headerNotAllowed('Content-Type', 'must be application/x-www-form-urlencoded for a tunneled query');
  }
  const fromBody = parseQueryParams(await c.req.text(), { plusIsSpace: true });
  for (const [key, value] of fromBody) {
    if (fromUrl.has(key)) throw apiErrors.invalidParam(key, `Parameter '${key}' appears both in the URL and in the tunneled body`);
    fromUrl.set(key, value);
  }
  return fromUrl;
}

export function createGuard(ctx: FakeContext, tokens: TokenStore): MiddlewareHandler<LinkedInEnv> {
  return async (c, next) => {
    const override = c.req.header('x-http-method-override');
    if (c.req.method === 'POST') {
      if (override === undefined) throw apiErrors.methodNotAllowed('POST');
      if (override.toUpperCase() !== 'GET') throw apiErrors.headerNotAllowed('X-HTTP-Method-Override', 'only supports GET on this fake');
    } else if (c.req.method !== 'GET') {
      throw apiErrors.methodNotAllowed(c.req.method);
    } else {
      const urlBytes = Buffer.byteLength(c.req.url.slice(c.req.url.indexOf('/', 8)));
      if (urlBytes > MAX_URL_BYTES) throw apiErrors.uriTooLong(urlBytes, MAX_URL_BYTES);
    }

    for (const name of Object.keys(c.req.header())) {
      if (name.toLowerCase().startsWith('x-restli-') && !KNOWN_RESTLI_HEADERS.has(name.toLowerCase())) {
        throw apiErrors.headerNotAllowed(name, 'is not a supported Rest.li header');
      }
    }

    const versionProblem = versionError(c.req.header('linkedin-version'), ctx.world.clock.now());
    if (versionProblem) throw versionProblem;
    const protocol = c.req.header('x-restli-protocol-version');
    if (protocol !== '2.0.0') throw apiErrors.restliProtocolMissing(protocol);

    const grant = tokens.authenticate(bearerToken(c.req.header('authorization')));
    const member = ctx.world.members('linkedin').find((m) => m.id === grant.memberId);
    if (!member) throw apiErrors.invalidToken();
    c.set('principal', member.id);
    c.set('member', member);
    c.set('scopes', grant.scopes);
    c.set('params', await requestParams(c));

    const bucket = exhaustedBucket(
      ctx.calls.list({ service: 'linkedin' }),
      { path: new URL(c.req.url).pathname, principal: member.id, nowMs: ctx.world.clock.now().getTime() },
      ctx.regimes.linkedin,
    );
    if (bucket) throw apiErrors.throttled(bucket);
    c.set('cost', 1);
    await next();
  };
}
