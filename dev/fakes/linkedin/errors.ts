/**
 * LinkedIn's error bodies. API errors are `{status, code?, serviceErrorCode?, message}`; OAuth
 * errors (www.linkedin.com) are `{error, error_description}`. Shapes follow bodies quoted in
 * public issue threads (see README.md for which are confirmed and which are chosen).
 */

export interface LinkedInErrorBody {
  status: number;
  code?: string;
  serviceErrorCode?: number;
  message: string;
  [extra: string]: unknown;
}

/** Thrown by handlers and parsers; the app's onError renders it as JSON with its status. */
export class LinkedInApiError extends Error {
  constructor(readonly body: LinkedInErrorBody) {
    super(body.message);
  }
  get status(): number {
    return this.body.status;
  }
}

export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

export class LinkedInOAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly body: OAuthErrorBody,
  ) {
    super(body.error_description);
  }
}

const err = (body: LinkedInErrorBody) => new LinkedInApiError(body);

export const apiErrors = {
  versionMissing: () =>
    err({
      status: 400,
      code: 'VERSION_MISSING',
      message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
    }),
  /** LinkedIn spells the month version as YYYYMMDD in this message ("20250401" for 202504). */
  versionInactive: (version: string) =>
    err({ status: 426, code: 'NONEXISTENT_VERSION', message: `Requested version ${version}01 is not active` }),
  versionNonexistent: (version: string) =>
    err({ status: 400, code: 'NONEXISTENT_VERSION', message: `Requested version ${version} is not active` }),
  restliProtocolMissing: (got: string | undefined) =>
    err({
      status: 400,
      code: 'ILLEGAL_ARGUMENT',
      message:
        got === undefined
          ? 'X-Restli-Protocol-Version header is required: send X-Restli-Protocol-Version: 2.0.0'
          : `Unsupported X-Restli-Protocol-Version '${got}': send 2.0.0`,
    }),
  invalidParam: (param: string, message: string) =>
    err({
      status: 400,
      code: 'PARAM_INVALID',
      message,
      errorDetailType: 'com.linkedin.common.error.BadRequest',
      errorDetails: {
        inputErrors: [{ code: 'PARAM_INVALID', description: message, input: { inputPath: { fieldPath: param } } }],
      },
    }),
  missingParam: (param: string) => err({ status: 400, code: 'PARAM_MISSING', message: `Parameter '${param}' is required` }),
  paramNotAllowed: (param: string) =>
    err({ status: 400, code: 'QUERY_PARAM_NOT_ALLOWED', message: `Query parameter '${param}' is not allowed for this request` }),
  methodNotResolved: () =>
    err({ status: 400, code: 'ILLEGAL_ARGUMENT', message: 'Resource method could not be resolved from request parameters.' }),
  headerNotAllowed: (header: string, why: string) => err({ status: 400, code: 'ILLEGAL_ARGUMENT', message: `Header '${header}' ${why}` }),
  tooManyElements: (count: number, cap: number) =>
    err({
      status: 400,
      code: 'ILLEGAL_ARGUMENT',
      message: `Request would return ${count} elements, more than the maximum of ${cap}. Narrow the date range, facets or pivots.`,
    }),
  uriTooLong: (length: number, max: number) =>
    err({
      status: 414,
      code: 'URI_TOO_LONG',
      message: `Request-URI of ${length} bytes exceeds ${max} bytes. Use query tunneling: POST with X-HTTP-Method-Override: GET and a form body.`,
    }),
  invalidToken: () => err({ status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' }),
  revokedToken: () =>
    err({
      status: 401,
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
      message: 'The token used in the request has been revoked by the user',
    }),
  expiredToken: () =>
    err({ status: 401, serviceErrorCode: 65602, code: 'EXPIRED_ACCESS_TOKEN', message: 'The token used in the request has expired' }),
  accessDenied: (what: string) =>
    err({ status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: `Not enough permissions to access: ${what}` }),
  notFound: (message: string) => err({ status: 404, code: 'NOT_FOUND', message }),
  noResource: () => err({ status: 404, code: 'RESOURCE_NOT_FOUND', message: 'No virtual resource found' }),
  methodNotAllowed: (method: string) => err({ status: 405, code: 'METHOD_NOT_ALLOWED', message: `Method ${method} is not allowed` }),
  throttled: (bucket: 'APPLICATION' | 'APPLICATION_AND_MEMBER') =>
    err({
      serviceErrorCode: 101,
      message: `Resource level throttle ${bucket} DAY limit for calls to this resource is reached.`,
      status: 429,
    }),
  serverError: () => err({ status: 500, serviceErrorCode: 0, code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' }),
};

const oauth = (status: 400 | 401, error: string, error_description: string) => new LinkedInOAuthError(status, { error, error_description });

export const oauthErrors = {
  invalidGrant: () => oauth(400, 'invalid_grant', 'Token has been expired or revoked.'),
  invalidCode: () =>
    oauth(
      400,
      'invalid_request',
      'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
    ),
  missingParam: (name: string) => oauth(400, 'invalid_request', `A required parameter "${name}" is missing`),
  invalidClient: () => oauth(401, 'invalid_client', 'Client authentication failed'),
  unsupportedGrant: (grant: string) => oauth(400, 'unsupported_grant_type', `Grant type "${grant}" is not supported`),
};
