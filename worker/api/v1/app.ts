import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { AppError, type FieldIssue } from '../errors';
import type { V1Env } from './context';

/** A path segment as a field name; an empty key (valid JSON) is shown as `""` so no field name is blank. */
const segment = (part: PropertyKey) => (part === '' ? '""' : String(part));

/** One entry per invalid field, named by its path (`branding.logoUrl`) or, for headers, by the header. */
export function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(segment);
    // An unknown field is named itself rather than its parent object.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: [...at, segment(key)].join('.'), message: 'Unknown field.' }));
    return [{ field: at.join('.') || '(body)', message: issue.message }];
  });
}

/** An OpenAPIHono whose validation failures are the API's one problem-details shape (400 validation_failed). */
export function createV1Router() {
  return new OpenAPIHono<V1Env>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation_failed', 'Some fields are missing or invalid.', { issues: fieldIssues(result.error) });
      }
    },
  });
}
