import { joinUrl } from './http';
import type { HttpConfig, RevokeResult } from './types';

/**
 * Sends one revocation request and reads only its status and a short body: the endpoints answer
 * 200 with an empty or tiny body, and a token the platform no longer knows counts as revoked.
 */
export async function sendRevocation(
  http: HttpConfig,
  request: { method: 'POST' | 'DELETE'; path: string; body?: string; alreadyGone: (status: number, body: string) => boolean },
  label: string,
): Promise<RevokeResult> {
  let response: Response;
  try {
    response = await http.fetch(joinUrl(http.baseUrl, request.path), {
      method: request.method,
      ...(request.body !== undefined ? { body: request.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
      signal: AbortSignal.timeout(http.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return { ok: false, error: { kind: 'transient', message: `${label}: ${(error as Error).message}` } };
  }
  const body = (await response.text()).slice(0, 2000);
  if (response.ok || request.alreadyGone(response.status, body)) return { ok: true };
  const message = `${label}: HTTP ${response.status}`;
  return {
    ok: false,
    error:
      response.status >= 500 || response.status === 429
        ? { kind: 'transient', message, status: response.status }
        : { kind: 'permanent', message },
  };
}
