import type { z } from 'zod';
import type { AppContext } from './context';
import { AppError } from './errors';

const MAX_JSON_BYTES = 64 * 1024;

/** Reads and validates a JSON body; every failure is a specific 4xx, never a 500. */
export async function readJson<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await c.req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError('payload_too_large', `The JSON body is larger than ${MAX_JSON_BYTES} bytes.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  return parseWith(schema, raw);
}

/** Validates query parameters against a schema. */
export function readQuery<S extends z.ZodType>(c: AppContext, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
    issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
  });
}
