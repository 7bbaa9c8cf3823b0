/**
 * Graph API error bodies → ConnectorError (AD-APIS.md §1.6). Throttles arrive as HTTP 400
 * with an OAuthException code, so the status alone says little; the code decides.
 */
import { type HttpFailure, isPassingFailure, PASSING_FAILURE_RETRY, type RetryPolicy, toConnectorError } from '../http';
import type { ConnectorError, MetaUseCase, UsageScope } from '../types';
import { type MetaErrorBody, metaErrorBodySchema } from './api-types';
import { parseMetaUsageHeaders, regainAccessMs } from './usage';

const AD_ACCOUNT_SUBCODE = 2446079;
/** BUC throttle codes of the use cases a sync spends (AD-APIS.md §1.6); each blocks only its own type. */
const BUC_THROTTLES: Partial<Record<number, MetaUseCase>> = { 80000: 'ads_insights', 80004: 'ads_management' };
const SYNC_TIMEOUT_SUBCODE = 1504018;

function rateLimitScope(code: number, subcode: number | undefined): UsageScope | null {
  if (code === 4) return 'app';
  if (code === 17) return subcode === AD_ACCOUNT_SUBCODE ? 'account' : 'user';
  if (code === 32 || code === 613 || (code >= 80000 && code <= 80008)) return 'account';
  return null;
}

/** The Graph error object of a failed request, or null. */
export function readMetaErrorBody(failure: HttpFailure): MetaErrorBody['error'] | null {
  if (failure.type !== 'http') return null;
  const parsed = metaErrorBodySchema.safeParse(failure.json);
  return parsed.success ? parsed.data.error : null;
}

/** Code 1 "Please reduce the amount of data": the sync endpoint gave up; an async job can do it. */
export function isReduceDataError(failure: HttpFailure): boolean {
  const error = readMetaErrorBody(failure);
  return error?.code === 1 && /reduce the amount of data/i.test(error.message);
}

/** 100/1504018 "Your request timed out ... or use the async API": may pass on a retry, else the async job. */
export function isInsightsTimeout(failure: HttpFailure): boolean {
  const error = readMetaErrorBody(failure);
  return error?.code === 100 && error.error_subcode === SYNC_TIMEOUT_SUBCODE;
}

/** Meta's two ways of saying a sync insights read is too big for the sync endpoint: the async job answers both. */
export function asksForAsyncReport(failure: HttpFailure): boolean {
  return isReduceDataError(failure) || isInsightsTimeout(failure);
}

/** Throttle codes → rate_limited (regain hint from headers), 190/102/permissions → auth_failed, timeouts → transient. */
export function mapMetaFailure(failure: HttpFailure, label: string, cursor: string | null): ConnectorError {
  const error = readMetaErrorBody(failure);
  if (!error || failure.type !== 'http') return toConnectorError(failure, label);
  const { code, error_subcode: subcode } = error;
  const message = `${label}: (#${code}${subcode ? `/${subcode}` : ''}) ${error.message}`;

  const scope = rateLimitScope(code, subcode);
  if (scope) {
    const retryAfterMs = regainAccessMs(parseMetaUsageHeaders(failure.headers));
    const useCase = BUC_THROTTLES[code];
    return { kind: 'rate_limited', retryAfterMs, scope, ...(useCase ? { useCase } : {}), cursor, message };
  }
  if (code === 190 || code === 102) return { kind: 'auth_failed', message };
  // Missing ads_read / ads_management grant: only a new consent fixes it.
  if (code === 10 || (code >= 200 && code <= 299)) return { kind: 'auth_failed', message };
  if (code === 1 || code === 2 || (code === 100 && subcode === SYNC_TIMEOUT_SUBCODE) || error.is_transient === true) {
    return { kind: 'transient', message, status: failure.status };
  }
  if (failure.status >= 500) return { kind: 'transient', message, status: failure.status };
  return { kind: 'permanent', message, code: subcode ? `${code}/${subcode}` : String(code) };
}

/**
 * A passing failure is retried once, and so is an insights timeout (Meta marks it transient); never
 * "reduce the amount of data" (a 500 too), which only the async job answers.
 */
export const META_READ_RETRY: RetryPolicy = {
  ...PASSING_FAILURE_RETRY,
  retryable: (failure) => (isPassingFailure(failure) && !isReduceDataError(failure)) || isInsightsTimeout(failure),
};
