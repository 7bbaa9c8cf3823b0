import { createMiddleware } from 'hono/factory';
import { withAgency } from '../../../db/queries/agency-scope';
import { findApiKeysByPrefix, touchApiKeyLastUsed } from '../../../db/queries/api-keys';
import { apiKeyMatches, bearerToken, isLastUsedStale, parseApiKey } from '../../auth/api-keys';
import { AppError } from '../errors';
import type { V1Env } from './context';

const unauthenticated = () =>
  new AppError('unauthenticated', 'Send a valid agency API key as Authorization: Bearer tmk_….', {
    headers: { 'www-authenticate': 'Bearer realm="tidemark"' },
  });

/**
 * Authenticates `Authorization: Bearer <key>`. A missing, malformed, unknown or revoked key gets the
 * same 401, so the answer says nothing about which keys exist.
 */
export const requireApiKey = createMiddleware<V1Env>(async (c, next) => {
  const parsed = parseApiKey(bearerToken(c.req.header('authorization')) ?? '');
  if (!parsed) throw unauthenticated();
  const db = c.get('db');
  let match: Awaited<ReturnType<typeof findApiKeysByPrefix>>[number] | undefined;
  for (const candidate of await findApiKeysByPrefix(db, parsed.prefix)) {
    if (await apiKeyMatches(parsed.key, candidate.keyHash)) match = candidate;
  }
  if (!match || match.revokedAt) throw unauthenticated();
  const now = new Date();
  if (isLastUsedStale(match.lastUsedAt, now)) {
    const keyId = match.id;
    await withAgency(db, match.agencyId, (tx) => touchApiKeyLastUsed(tx, keyId, now));
  }
  c.set('apiKey', { id: match.id, agencyId: match.agencyId, scope: match.scope });
  await next();
});

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every method but GET/HEAD/OPTIONS needs a `write` key; a `read` key is authenticated but not allowed. */
export const requireWriteScope = createMiddleware<V1Env>(async (c, next) => {
  if (!READ_METHODS.has(c.req.method) && c.get('apiKey').scope !== 'write')
    throw new AppError('forbidden', 'This API key is read-only; use a key with the write scope.');
  await next();
});
