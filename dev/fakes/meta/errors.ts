/**
 * Graph API error bodies, field for field as Meta sends them:
 * {"error":{"message","type","code","error_subcode","is_transient","error_user_title","error_user_msg","fbtrace_id"}}.
 * Optional keys are left out when Meta leaves them out (absent, never null).
 */

export interface MetaErrorSpec {
  status: number;
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  isTransient?: boolean;
  userTitle?: string;
  userMsg?: string;
  /** Extra response headers (e.g. WWW-Authenticate on invalid tokens). */
  headers?: Record<string, string>;
}

export class MetaError extends Error {
  constructor(readonly spec: MetaErrorSpec) {
    super(spec.message);
  }
}

const RATE_LIMIT_DOCS = 'For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.';

export function metaErrorBody(spec: MetaErrorSpec, fbtraceId: string): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = { message: spec.message, type: spec.type ?? 'OAuthException', code: spec.code };
  if (spec.subcode !== undefined) error.error_subcode = spec.subcode;
  if (spec.isTransient !== undefined) error.is_transient = spec.isTransient;
  if (spec.userTitle !== undefined) error.error_user_title = spec.userTitle;
  if (spec.userMsg !== undefined) error.error_user_msg = spec.userMsg;
  error.fbtrace_id = fbtraceId;
  return { error };
}

export function newFbtraceId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = 'A';
  for (let i = 0; i < 22; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

const fail = (spec: MetaErrorSpec) => new MetaError(spec);

export const metaErrors = {
  missingToken: () => fail({ status: 400, code: 104, message: 'An access token is required to request this resource.' }),
  invalidToken: () =>
    fail({
      status: 400,
      code: 190,
      message: 'Invalid OAuth access token - Cannot parse access token',
      headers: { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"' },
    }),
  expiredToken: (expiredAt: Date, now: Date) =>
    fail({
      status: 400,
      code: 190,
      subcode: 463,
      message: `Error validating access token: Session has expired on ${expiredAt.toUTCString()}. The current time is ${now.toUTCString()}.`,
      headers: { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session has expired"' },
    }),
  revokedToken: () =>
    fail({
      status: 400,
      code: 190,
      subcode: 460,
      message:
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
      headers: {
        'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: The session has been invalidated"',
      },
    }),
  missingPermission: (permission: string) =>
    fail({
      status: 400,
      code: 200,
      message: `(#200) Ad account owner has NOT grant ads_management or ads_read permission (requires ${permission})`,
    }),
  deprecatedVersion: (latest: string) =>
    fail({
      status: 400,
      code: 2635,
      message: `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: ${latest}.`,
    }),
  unknownPath: (path: string) => fail({ status: 400, code: 2500, message: `Unknown path components: ${path}` }),
  unsupportedRequest: (method: string, objectId: string) =>
    fail({
      status: 400,
      type: 'GraphMethodException',
      code: 100,
      subcode: 33,
      message: `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  nonexistingField: (field: string, nodeType: string) =>
    fail({ status: 400, code: 100, message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})` }),
  invalidInsightsField: (field: string) =>
    fail({
      status: 400,
      code: 100,
      message: `(#100) ${field} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values`,
    }),
  invalidParameter: (message: string) => fail({ status: 400, code: 100, message: `(#100) ${message}` }),
  unexpectedHeader: (name: string) =>
    fail({ status: 400, code: 100, message: `(#100) Unexpected header ${name}: this is not a Graph API header` }),
  invalidBreakdownCombination: () =>
    fail({
      status: 400,
      code: 100,
      subcode: 1504041,
      message: 'Invalid parameter',
      userTitle: 'Invalid Breakdowns Combination',
      userMsg: 'The breakdowns combination you requested is not supported. Please check the documentation for valid combinations.',
      isTransient: false,
    }),
  retentionExceeded: () =>
    fail({ status: 400, code: 3018, message: '(#3018) The start date of the time range cannot be beyond 37 months from the current date' }),
  reduceData: () =>
    fail({
      status: 500,
      code: 1,
      isTransient: true,
      message: "Please reduce the amount of data you're asking for, then retry your request",
    }),
  insightsTimeout: () =>
    fail({
      status: 400,
      code: 100,
      subcode: 1504018,
      isTransient: true,
      message: 'Invalid parameter',
      userTitle: 'Your request timed out',
      userMsg: 'Your request timed out. Please reduce the amount of data you are asking for, or use the async API.',
    }),
  unknownError: () => fail({ status: 500, code: 1, isTransient: true, message: 'An unknown error has occurred.' }),
  serverError: () =>
    fail({ status: 500, code: 2, isTransient: true, message: 'An unexpected error has occurred. Please retry your request later.' }),
  appLimit: (insights: boolean) =>
    insights
      ? fail({
          status: 400,
          code: 4,
          subcode: 1504022,
          isTransient: true,
          message: '(#4) Application request limit reached',
          userTitle: 'Too Many API Requests',
          userMsg: 'There have been too many API requests made by this application. Please wait a bit and try again.',
        })
      : fail({ status: 400, code: 4, isTransient: true, message: '(#4) Application request limit reached' }),
  insightsAccountLimit: () =>
    fail({
      status: 400,
      code: 80000,
      subcode: 2446079,
      message: `(#80000) There have been too many calls from this ad-account. Wait a bit and try again. ${RATE_LIMIT_DOCS}`,
    }),
  managementAccountLimit: () =>
    fail({
      status: 400,
      code: 80004,
      subcode: 2446079,
      message: `(#80004) There have been too many calls to this ad-account. Wait a bit and try again. ${RATE_LIMIT_DOCS}`,
    }),
  userRequestLimit: () => fail({ status: 400, code: 17, subcode: 2446079, isTransient: true, message: '(#17) User request limit reached' }),
  adAccountCallLimit: () =>
    fail({
      status: 400,
      code: 613,
      subcode: 1487742,
      isTransient: true,
      message: '(#613) Calls to this api have exceeded the rate limit.',
      userTitle: 'Too many calls',
      userMsg: 'There have been too many calls from this ad-account. Please wait a bit and try again.',
    }),
  batchTooLarge: () =>
    fail({ status: 400, type: 'GraphBatchException', code: 1, message: 'Too many requests in batch message. Maximum batch size is 50' }),
  reportNotReady: () =>
    fail({
      status: 400,
      code: 100,
      message: '(#100) The report is not ready yet: poll the AdReportRun until async_status is "Job Completed"',
    }),
};
