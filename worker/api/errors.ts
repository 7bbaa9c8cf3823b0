import type { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable error codes the API can answer with; each maps to one HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  upstream_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  field: string;
  message: string;
}

/** The one error type handlers throw; `onError` renders it as problem details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly issues?: FieldIssue[];
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, extra: { issues?: FieldIssue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.issues = extra.issues;
    this.headers = extra.headers;
  }
}

/** The JSON body of every API error (RFC 9457 problem details plus a stable `code`). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode | 'internal_error';
  detail: string;
  requestId: string;
  issues?: FieldIssue[];
}

export function problemBody(error: AppError, requestId: string): ProblemBody {
  return {
    type: `https://docs.tidemark.dev/errors/${error.code}`,
    title: error.code.replace(/_/g, ' '),
    status: error.status,
    code: error.code,
    detail: error.message,
    requestId,
    ...(error.issues ? { issues: error.issues } : {}),
  };
}

/** Maps Hono's own HTTPExceptions (e.g. from body-limit) onto our codes. */
export function fromHttpException(error: HTTPException): AppError {
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'bad_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
  };
  return new AppError(byStatus[error.status] ?? 'bad_request', error.message || 'Bad request');
}
