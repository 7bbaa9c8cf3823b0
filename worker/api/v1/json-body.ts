import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import type { V1Env } from './context';

export const MAX_BODY_BYTES = 64 * 1024;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const bodyLimitMiddleware = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  },
});

/** Stops reading at 64 KB (streamed bodies included) on methods with a body, before anything parses it. */
export const limitBody = createMiddleware<V1Env>(async (c, next) => {
  if (!BODY_METHODS.has(c.req.method)) return next();
  return bodyLimitMiddleware(c, next);
});

/**
 * A JSON body or a specific 4xx: 415 for another media type, 400 invalid_json for unparseable JSON.
 * The parsed body is cached on the request, so the route's validator reads it without a second parse.
 */
export const requireJsonBody = createMiddleware<V1Env>(async (c, next) => {
  if (!BODY_METHODS.has(c.req.method)) return next();
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  try {
    await c.req.json();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  await next();
});
