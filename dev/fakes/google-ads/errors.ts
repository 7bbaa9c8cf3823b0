/** Google's error bodies: the google.rpc.Status envelope with a GoogleAdsFailure inside, and the OAuth token endpoint's flat errors. */

export type RpcStatus =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNIMPLEMENTED';

export const HTTP_STATUS: Record<RpcStatus, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
};

const STATUS_MESSAGE: Record<RpcStatus, string> = {
  INVALID_ARGUMENT: 'Request contains an invalid argument.',
  UNAUTHENTICATED: 'Request is missing required authentication credential.',
  PERMISSION_DENIED: 'The caller does not have permission',
  NOT_FOUND: 'Requested entity was not found.',
  RESOURCE_EXHAUSTED: 'Resource has been exhausted (e.g. check quota).',
  INTERNAL: 'Internal error encountered.',
  UNIMPLEMENTED: 'Operation is not implemented, or supported, or enabled.',
};

/** One GoogleAdsError: `errorCode` is a one-key object naming the error enum, e.g. `{ quotaError: 'RESOURCE_EXHAUSTED' }`. */
export interface GoogleAdsErrorItem {
  errorCode: Record<string, string>;
  message: string;
  trigger?: { stringValue: string };
  location?: { fieldPathElements: { fieldName: string; index?: number }[] };
  details?: Record<string, unknown>;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; status: RpcStatus; details?: Record<string, unknown>[] };
}

/** A failure in Google's shape; `status` picks the HTTP code. */
export class GoogleAdsHttpError extends Error {
  constructor(
    readonly status: RpcStatus,
    readonly errors: GoogleAdsErrorItem[],
    /** Replaces the GoogleAdsFailure details (auth and routing errors come from Google's front end, not from Google Ads). */
    readonly rawDetails?: Record<string, unknown>[],
    readonly statusMessage?: string,
  ) {
    super(errors[0]?.message ?? statusMessage ?? STATUS_MESSAGE[status]);
    this.name = 'GoogleAdsHttpError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.status];
  }

  body(version: string, requestId: string): GoogleErrorBody {
    const details =
      this.rawDetails ??
      (this.errors.length > 0
        ? [{ '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`, errors: this.errors, requestId }]
        : undefined);
    return {
      error: {
        code: this.httpStatus,
        message: this.statusMessage ?? STATUS_MESSAGE[this.status],
        status: this.status,
        ...(details ? { details } : {}),
      },
    };
  }
}

/** A single-error GoogleAdsFailure: `adsError('INVALID_ARGUMENT', 'queryError', 'UNRECOGNIZED_FIELD', message)`. */
export function adsError(
  status: RpcStatus,
  enumName: string,
  code: string,
  message: string,
  extra: Partial<GoogleAdsErrorItem> = {},
): GoogleAdsHttpError {
  return new GoogleAdsHttpError(status, [{ errorCode: { [enumName]: code }, message, ...extra }]);
}

const AUTH_HINT =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** 401 from Google's front end: no token at all, or one that is unknown, expired or revoked. */
export function unauthenticated(reason: 'CREDENTIALS_MISSING' | 'ACCESS_TOKEN_EXPIRED' | 'ACCESS_TOKEN_INVALID'): GoogleAdsHttpError {
  const message =
    reason === 'CREDENTIALS_MISSING'
      ? `Request is missing required authentication credential. ${AUTH_HINT}`
      : `Request had invalid authentication credentials. ${AUTH_HINT}`;
  return new GoogleAdsHttpError(
    'UNAUTHENTICATED',
    [],
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason,
        domain: 'googleapis.com',
        metadata: { service: 'googleads.googleapis.com' },
      },
    ],
    message,
  );
}

export function insufficientScopes(): GoogleAdsHttpError {
  return new GoogleAdsHttpError(
    'PERMISSION_DENIED',
    [],
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
        domain: 'googleapis.com',
        metadata: { service: 'googleads.googleapis.com' },
      },
    ],
    'Request had insufficient authentication scopes.',
  );
}

export function userPermissionDenied(): GoogleAdsHttpError {
  return adsError(
    'PERMISSION_DENIED',
    'authorizationError',
    'USER_PERMISSION_DENIED',
    "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header. See https://developers.google.com/google-ads/api/docs/concepts/call-structure#cid",
  );
}

export function customerNotEnabled(): GoogleAdsHttpError {
  return adsError(
    'PERMISSION_DENIED',
    'authorizationError',
    'CUSTOMER_NOT_ENABLED',
    "The customer account can't be accessed because it is not yet enabled or has been deactivated.",
  );
}

export function requestedMetricsForManager(): GoogleAdsHttpError {
  return adsError(
    'INVALID_ARGUMENT',
    'queryError',
    'REQUESTED_METRICS_FOR_MANAGER',
    'Metrics cannot be requested for a manager account. To retrieve metrics, issue separate requests against each client account under the manager account.',
  );
}

/** 429 with QuotaErrorDetails: the daily operations budget (scope DEVELOPER) or the per-customer rate (scope ACCOUNT). */
export function quotaExhausted(kind: 'daily' | 'qps', retryDelaySeconds: number, rateName: string): GoogleAdsHttpError {
  const code = kind === 'daily' ? 'RESOURCE_EXHAUSTED' : 'RESOURCE_TEMPORARILY_EXHAUSTED';
  return adsError('RESOURCE_EXHAUSTED', 'quotaError', code, `Too many requests. Retry in ${retryDelaySeconds} seconds.`, {
    details: {
      quotaErrorDetails: { rateScope: kind === 'daily' ? 'DEVELOPER' : 'ACCOUNT', rateName, retryDelay: `${retryDelaySeconds}s` },
    },
  });
}

export function internalError(): GoogleAdsHttpError {
  return adsError('INTERNAL', 'internalError', 'INTERNAL_ERROR', 'An internal error has occurred.');
}

/** REST transcoding errors for query parameters or body fields the method does not have. */
export function unknownRequestField(name: string, where: 'query' | 'body'): GoogleAdsHttpError {
  const description =
    where === 'query'
      ? `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`
      : `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`;
  return new GoogleAdsHttpError(
    'INVALID_ARGUMENT',
    [],
    [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ description }] }],
    description,
  );
}

export function notFound(path: string): GoogleAdsHttpError {
  return new GoogleAdsHttpError('NOT_FOUND', [], undefined, `The requested URL ${path} was not found on this server.`);
}

/** Google OAuth token endpoint errors are flat: `{"error":"invalid_grant","error_description":"..."}`. */
export interface OAuthErrorBody {
  /** invalid_grant, invalid_client, invalid_request, unsupported_grant_type, redirect_uri_mismatch; internal_failure / rate_limit_exceeded for injected faults. */
  error: string;
  error_description: string;
}

export class OAuthError extends Error {
  constructor(
    readonly httpStatus: 400 | 401 | 429 | 500,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }

  body(): OAuthErrorBody {
    return { error: this.error, error_description: this.description };
  }
}

const REQUEST_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 22 characters like Google's request ids (`xN_KaZRHZuU6Rlgt3cM2uQ`). */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  return Array.from(bytes, (b) => REQUEST_ID_ALPHABET[b % 64]).join('');
}
