/** LinkedIn error bodies → ConnectorError. 429s carry no Retry-After: the hint is always null. */
import { type HttpFailure, toConnectorError } from '../http';
import type { ConnectorError, UsageScope } from '../types';
import { linkedInErrorSchema } from './api-types';

// "Resource level throttle APPLICATION DAY limit ..." / "... APPLICATION_AND_MEMBER DAY limit ..."
function throttleScope(message: string): UsageScope {
  if (/MEMBER/.test(message)) return 'user';
  if (/APPLICATION/.test(message)) return 'app';
  return 'daily';
}

/** 429 → rate_limited (no hint), 401 → auth_failed, 5xx → transient, other 4xx → permanent. */
export function mapLinkedInFailure(failure: HttpFailure, label: string, cursor: string | null = null): ConnectorError {
  if (failure.type !== 'http') return toConnectorError(failure, label);
  const parsed = linkedInErrorSchema.safeParse(failure.json);
  const body = parsed.success ? parsed.data : {};
  const detail = [body.code, body.serviceErrorCode, body.message].filter((x) => x !== undefined).join(' ');
  const message = `${label}: HTTP ${failure.status}${detail ? ` ${detail}` : ''}`;
  if (failure.status === 429) {
    return { kind: 'rate_limited', retryAfterMs: null, scope: throttleScope(body.message ?? ''), cursor, message };
  }
  if (failure.status === 401) return { kind: 'auth_failed', message };
  if (failure.status >= 500) return { kind: 'transient', message, status: failure.status };
  // 414 (URL too long) must fail fast: retrying the same URL never helps.
  return {
    kind: 'permanent',
    message,
    code: body.code ?? (body.serviceErrorCode ? String(body.serviceErrorCode) : `http_${failure.status}`),
  };
}
