/**
 * The small request helper every connector client uses: timeouts through AbortSignal, JSON
 * parsed with zod, and failures classified once (network, timeout, HTTP status, broken body).
 * Platform clients turn `http` failures into their own errors and fall back to `toConnectorError`.
 */
import type { z } from 'zod';
import type { ConnectorError, HttpConfig } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * A Worker has 128 MB; a JSON body costs several times its size once parsed. Pages are at most
 * a few MB (Meta and LinkedIn cap rows per page); only a Google searchStream of a huge window
 * comes near this, and the answer to that is a smaller window, not more memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 24 * 1024 * 1024;

export type HttpFailure =
  | { type: 'network'; message: string }
  | { type: 'timeout'; message: string }
  /** Non-2xx answer; `json` is the parsed body when it was JSON. */
  | { type: 'http'; status: number; headers: Headers; json: unknown; text: string }
  /** 2xx whose body is not JSON (e.g. cut off mid-stream). */
  | { type: 'invalid_json'; status: number; headers: Headers; message: string }
  /** 2xx JSON that does not match the wire schema. */
  | { type: 'unexpected_shape'; status: number; headers: Headers; message: string }
  /** A body longer than HttpConfig.maxResponseBytes: reading stopped there. */
  | { type: 'too_large'; status: number; headers: Headers; limitBytes: number; message: string }
  /** Paging that cannot be followed: a cursor seen before in this call, or more pages than one call may read. */
  | { type: 'paging'; reason: 'repeated_cursor' | 'page_cap'; message: string };

export type HttpOutcome<T> = { ok: true; status: number; headers: Headers; body: T } | { ok: false; failure: HttpFailure };

export interface JsonRequest<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Absolute URL (build it with `joinUrl`). */
  url: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  schema: z.ZodType<T>;
  /** A POST that only reads (Google's searchStream): safe to send twice. */
  idempotent?: boolean;
}

/** Base URL (which may carry a path prefix, as the local fakes do) + absolute path. */
export function joinUrl(baseUrl: string, pathAndQuery: string): string {
  return baseUrl.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

/** One request, one classified outcome; never throws. */
export async function requestJson<T>(http: HttpConfig, request: JsonRequest<T>): Promise<HttpOutcome<T>> {
  const timeoutMs = http.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limitBytes = http.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  let response: Response;
  let text: string | null;
  try {
    response = await http.fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await readTextWithin(response, limitBytes);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, failure: { type: 'timeout', message: `no answer within ${timeoutMs} ms` } };
    }
    return { ok: false, failure: { type: 'network', message: describe(error) } };
  }

  if (text === null) {
    const message = `response body over ${limitBytes} bytes (HTTP ${response.status}); ask for less per request`;
    return { ok: false, failure: { type: 'too_large', status: response.status, headers: response.headers, limitBytes, message } };
  }
  const json = parseJson(text);
  if (!response.ok) {
    return {
      ok: false,
      failure: { type: 'http', status: response.status, headers: response.headers, json: json.ok ? json.value : undefined, text },
    };
  }
  if (!json.ok) {
    return {
      ok: false,
      failure: { type: 'invalid_json', status: response.status, headers: response.headers, message: json.message },
    };
  }
  const parsed = request.schema.safeParse(json.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return {
      ok: false,
      failure: { type: 'unexpected_shape', status: response.status, headers: response.headers, message: issues.join('; ') },
    };
  }
  return { ok: true, status: response.status, headers: response.headers, body: parsed.data };
}

/** The body as text, or null once it is longer than limitBytes (the rest is never read). */
async function readTextWithin(response: Response, limitBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limitBytes) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `body is not JSON (${text.length} bytes): ${describe(error)}` };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Default classification when a platform parser has nothing more specific to say. */
export function toConnectorError(failure: HttpFailure, label: string): ConnectorError {
  switch (failure.type) {
    case 'network':
    case 'timeout':
      return { kind: 'transient', message: `${label}: ${failure.message}` };
    case 'invalid_json':
      return { kind: 'transient', message: `${label}: ${failure.message}`, status: failure.status };
    case 'unexpected_shape':
      return { kind: 'permanent', message: `${label}: unexpected response shape: ${failure.message}`, code: 'unexpected_shape' };
    case 'paging':
      // A repeated cursor is the platform's glitch: retry later (attempts are bounded). A list longer
      // than the cap that cannot be continued will not get shorter: permanent, with the numbers.
      return failure.reason === 'repeated_cursor'
        ? { kind: 'transient', message: `${label}: ${failure.message}` }
        : { kind: 'permanent', message: `${label}: ${failure.message}`, code: 'page_cap' };
    case 'too_large':
      // Permanent: the same request gets the same body, so a retry only spends quota again.
      return { kind: 'permanent', message: `${label}: ${failure.message}`, code: 'response_too_large' };
    case 'http':
      if (failure.status >= 500 || failure.status === 408) {
        return { kind: 'transient', message: `${label}: HTTP ${failure.status}`, status: failure.status };
      }
      if (failure.status === 401) return { kind: 'auth_failed', message: `${label}: HTTP 401` };
      if (failure.status === 429) {
        return { kind: 'rate_limited', retryAfterMs: null, scope: 'account', cursor: null, message: `${label}: HTTP 429` };
      }
      return { kind: 'permanent', message: `${label}: HTTP ${failure.status}`, code: `http_${failure.status}` };
  }
}

/**
 * Guards one paged read: remembers every cursor it was given and counts pages, so a platform that
 * hands back a cursor it already gave (or an endless list) cannot keep a Worker looping.
 * `next` answers whether to follow a cursor: 'follow', 'stop' (the cap; continue elsewhere) or a failure.
 */
export function createPageGuard(maxPages: number, first?: string) {
  const seen = new Set<string>(first === undefined ? [] : [first]);
  let pages = 0;
  return {
    get pages() {
      return pages;
    },
    /** Call once per page read, with that page's next cursor. */
    next(cursor: string): 'follow' | 'stop' | HttpFailure {
      pages += 1;
      if (seen.has(cursor)) {
        return {
          type: 'paging',
          reason: 'repeated_cursor',
          message: `the platform returned a cursor it had already returned (after ${pages} pages)`,
        };
      }
      seen.add(cursor);
      return pages >= maxPages ? 'stop' : 'follow';
    },
  };
}

/** The failure for a list that hit the page cap where paging cannot be continued in a later call. */
export function pageCapFailure(maxPages: number, what: string): HttpFailure {
  return { type: 'paging', reason: 'page_cap', message: `more than ${maxPages} pages of ${what} in one call` };
}

/** Counts calls and lets a platform observe every response's headers (Meta usage headers). */
export interface HttpSession {
  request<T>(request: JsonRequest<T>): Promise<HttpOutcome<T>>;
  readonly apiCalls: number;
  readonly config: HttpConfig;
}

/**
 * One more attempt, inside the same sync, for a read that failed in passing (a 5xx, a timeout, a body
 * cut off). Without it a single dropped response costs the whole window a queue retry and, under a
 * 10% fault rate, a late sync. Bounded to `retries` because every attempt is a call the budgets count.
 */
export interface RetryPolicy {
  retries: number;
  /** Real milliseconds before each further attempt (times jitter in [1, 2)). */
  delayMs: number;
  /** The platform's reading of a failure: worth repeating the same request? */
  retryable(failure: HttpFailure): boolean;
}

/** Failures that say nothing about the request itself: the same request may well succeed at once. */
export function isPassingFailure(failure: HttpFailure): boolean {
  switch (failure.type) {
    case 'network':
    case 'timeout':
    case 'invalid_json':
      return true;
    case 'http':
      return failure.status >= 500 || failure.status === 408;
    default:
      return false;
  }
}

export const PASSING_FAILURE_RETRY: RetryPolicy = { retries: 1, delayMs: 200, retryable: isPassingFailure };

export interface HttpSessionOptions {
  onHeaders?: (headers: Headers) => void;
  /** Applies to GETs and to POSTs marked `idempotent`; never to other writes (a token exchange, a report job). */
  retry?: RetryPolicy;
}

/** A request function bound to one HttpConfig that counts calls, reports headers and retries passing failures of reads. */
export function createHttpSession(config: HttpConfig, options: HttpSessionOptions = {}): HttpSession {
  const { onHeaders, retry } = options;
  let apiCalls = 0;
  const attempt = async <T>(request: JsonRequest<T>): Promise<HttpOutcome<T>> => {
    apiCalls += 1;
    const outcome = await requestJson(config, request);
    if (onHeaders) {
      if (outcome.ok) onHeaders(outcome.headers);
      else if ('headers' in outcome.failure) onHeaders(outcome.failure.headers);
    }
    return outcome;
  };
  return {
    config,
    get apiCalls() {
      return apiCalls;
    },
    async request(request) {
      const repeatable = (request.method ?? 'GET') === 'GET' || request.idempotent === true;
      let outcome = await attempt(request);
      for (let retried = 0; retry && repeatable && retried < retry.retries; retried++) {
        if (outcome.ok || !retry.retryable(outcome.failure)) break;
        await new Promise((resolve) => setTimeout(resolve, retry.delayMs * (1 + Math.random())));
        outcome = await attempt(request);
      }
      return outcome;
    },
  };
}

/** application/x-www-form-urlencoded body from plain pairs. */
export function formBody(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}
