import { createMiddleware } from 'hono/factory';
import { constantTimeEqual, sha256Hex } from '../../auth/password';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

/** Operator API: a bearer token from config, compared as digests in constant time. Off (404) when unset. */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.get('config').OPERATOR_TOKEN;
  if (!expected) throw new AppError('not_found', 'The operator API is not enabled.');
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)]);
  const enc = new TextEncoder();
  if (!constantTimeEqual(enc.encode(a), enc.encode(b))) throw new AppError('unauthenticated', 'A valid operator token is required.');
  await next();
});
