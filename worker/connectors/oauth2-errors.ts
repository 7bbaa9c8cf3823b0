/** RFC 6749 token-endpoint errors (Google and LinkedIn share the shape) → ConnectorError. */
import { z } from 'zod';
import { type HttpFailure, toConnectorError } from './http';
import type { ConnectorError } from './types';

export const oauth2ErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});

/** A dead grant (expired, revoked or reused code/refresh token) needs a new consent; a wrong client is our configuration. */
export function mapOAuth2Failure(failure: HttpFailure, label: string): ConnectorError {
  const body = failure.type === 'http' ? oauth2ErrorSchema.safeParse(failure.json) : null;
  if (!body?.success) return toConnectorError(failure, label);
  const message = `${label}: ${body.data.error}${body.data.error_description ? ` (${body.data.error_description})` : ''}`;
  if (body.data.error === 'invalid_grant') return { kind: 'auth_failed', message };
  if (failure.type === 'http' && failure.status >= 500) return { kind: 'transient', message, status: failure.status };
  return { kind: 'permanent', message, code: body.data.error };
}
