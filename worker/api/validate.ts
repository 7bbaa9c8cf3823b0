import { z } from 'zod';
import { readTextWithin } from '../lib/limited-body';
import type { AppContext } from './context';
import { AppError } from './errors';

const MAX_JSON_BYTES = 64 * 1024;

/** Reads and validates a JSON body of at most 64 KB (enforced while reading); every failure is a specific 4xx, never a 500. */
export async function readJson<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const tooLarge = new AppError('payload_too_large', `The JSON body is larger than ${MAX_JSON_BYTES} bytes.`);
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > MAX_JSON_BYTES) throw tooLarge;
  const body = await readTextWithin(c.req.raw.body, MAX_JSON_BYTES);
  if (!body.ok && body.reason === 'too_large') throw tooLarge;
  if (!body.ok) throw new AppError('invalid_json', 'The request body is not UTF-8 text.');
  let raw: unknown;
  try {
    raw = JSON.parse(body.text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  return parseWith(schema, raw);
}

/** Validates query parameters against a schema (each parameter's first value, unless `raw` says otherwise). */
export function readQuery<S extends z.ZodType>(c: AppContext, schema: S, raw: unknown = c.req.query()): z.infer<S> {
  return parseWith(schema, raw);
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
    issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
  });
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A tenant slug as the database allows it (tenants_slug_format), in any case: lookups lower-case it. */
const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/i;

/** A row id in a path (`:id`): a UUID. */
export const idParamSchema = z.string().regex(UUID_PATTERN, 'Not an id.');

/** A tenant in a path (`:tenant`): its id or its slug. */
export const tenantRefSchema = z
  .string()
  .refine((value) => UUID_PATTERN.test(value) || SLUG_PATTERN.test(value), 'Not a tenant id or slug.');

/** True when `value` can name a tenant; pages and the realtime hub use it before any lookup. */
export function isTenantRef(value: string | undefined): value is string {
  return value !== undefined && tenantRefSchema.safeParse(value).success;
}

/**
 * A path parameter checked against its schema before it reaches a query. A malformed one is a 404,
 * like a well-formed one that names nothing: NUL bytes and 300-character slugs never reach Postgres.
 */
export function readParam<S extends z.ZodType<string>>(c: AppContext, name: string, schema: S, notFound: string): z.infer<S> {
  const parsed = schema.safeParse(c.req.param(name));
  if (!parsed.success) throw new AppError('not_found', notFound);
  return parsed.data;
}
