/** Google Ads error bodies (object or array-wrapped) → ConnectorError (AD-APIS.md §2.3-2.4). */
import { type HttpFailure, toConnectorError } from '../http';
import type { ConnectorError } from '../types';
import { type GoogleAdsError, googleAdsErrorBodySchema } from './api-types';
import { parseDurationMs } from './mapper';

// Configuration or account state problems: retrying the same request can never succeed.
const PERMANENT_CODES = new Set(['REQUESTED_METRICS_FOR_MANAGER', 'CUSTOMER_NOT_ENABLED', 'USER_PERMISSION_DENIED']);
const TRANSIENT_STATUSES = new Set(['INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED', 'ABORTED']);

/** The error object of a unary or array-wrapped (searchStream) error body, or null. */
export function readGoogleAdsError(json: unknown): GoogleAdsError | null {
  const parsed = googleAdsErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  return Array.isArray(parsed.data) ? parsed.data[0]!.error : parsed.data.error;
}

/** Quota → rate_limited (retryDelay), UNAUTHENTICATED → auth_failed, account state → permanent, 5xx → transient. */
export function mapGoogleAdsError(error: GoogleAdsError, httpStatus: number, label: string): ConnectorError {
  const failures = (error.details ?? []).flatMap((d) => d.errors ?? []);
  const codes = failures.flatMap((f) => Object.values(f.errorCode ?? {}));
  const detailMessage = failures.find((f) => f.message)?.message;
  const message = `${label}: ${error.status ?? error.code} ${codes.join(',')} ${detailMessage ?? error.message}`.replace(/\s+/g, ' ');

  if (codes.includes('RESOURCE_EXHAUSTED') || codes.includes('RESOURCE_TEMPORARILY_EXHAUSTED') || error.status === 'RESOURCE_EXHAUSTED') {
    const retryDelay = failures.map((f) => f.details?.quotaErrorDetails?.retryDelay).find((d) => d !== undefined);
    // The daily operations quota is RESOURCE_EXHAUSTED; QPS bursts are RESOURCE_TEMPORARILY_EXHAUSTED.
    const scope = codes.includes('RESOURCE_EXHAUSTED') ? 'daily' : 'account';
    return { kind: 'rate_limited', retryAfterMs: parseDurationMs(retryDelay), scope, cursor: null, message };
  }
  if (error.status === 'UNAUTHENTICATED' || httpStatus === 401 || failures.some((f) => f.errorCode?.authenticationError)) {
    return { kind: 'auth_failed', message };
  }
  const permanentCode = codes.find((c) => PERMANENT_CODES.has(c));
  if (permanentCode) return { kind: 'permanent', message, code: permanentCode };
  if (error.status === 'PERMISSION_DENIED') return { kind: 'permanent', message, code: codes[0] ?? 'PERMISSION_DENIED' };
  if (httpStatus >= 500 || TRANSIENT_STATUSES.has(error.status ?? '')) return { kind: 'transient', message, status: httpStatus };
  return { kind: 'permanent', message, code: codes[0] ?? error.status ?? String(error.code) };
}

/** Any failed Google Ads request → ConnectorError. */
export function mapGoogleAdsFailure(failure: HttpFailure, label: string): ConnectorError {
  if (failure.type !== 'http') return toConnectorError(failure, label);
  const error = readGoogleAdsError(failure.json);
  return error ? mapGoogleAdsError(error, failure.status, label) : toConnectorError(failure, label);
}
