/**
 * Test double for the injected fetch: serves scripted answers in order and fails loudly
 * (throws, failing the test) on any request the script did not expect.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface RecordedRequest {
  method: string;
  url: URL;
  /** The raw URL string as sent (to check exact Rest.li encoding). */
  rawUrl: string;
  headers: Headers;
  body: string;
}

export interface ScriptedAnswer {
  /** Checks the request; throw (e.g. with expect) to reject it. */
  expect?: (request: RecordedRequest) => void;
  status?: number;
  headers?: Record<string, string>;
  /** JSON body (objects are serialised) or raw text. */
  body?: unknown;
  /** Simulate a dropped connection instead of answering. */
  networkError?: boolean;
}

export interface ScriptedFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Throws when scripted answers were left unused. */
  assertDone(): void;
}

export function createScriptedFetch(script: ScriptedAnswer[]): ScriptedFetch {
  const queue = [...script];
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const rawUrl = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = init?.body === undefined || init.body === null ? '' : String(init.body);
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      url: new URL(rawUrl),
      rawUrl,
      headers: new Headers(init?.headers),
      body,
    };
    requests.push(request);
    const next = queue.shift();
    if (!next) throw new Error(`unexpected request #${requests.length}: ${request.method} ${rawUrl}`);
    next.expect?.(request);
    if (next.networkError) throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    const text = typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {});
    return new Response(text, {
      status: next.status ?? 200,
      headers: { 'content-type': 'application/json', ...next.headers },
    });
  };
  return {
    fetch: fetchImpl as typeof fetch,
    requests,
    assertDone() {
      if (queue.length > 0) throw new Error(`${queue.length} scripted answer(s) never requested`);
    },
  };
}

/** The recorded platform payloads shared with the fakes (cwd = repo root). */
export const FIXTURES_DIR = path.resolve(process.cwd(), '../shared/fixtures');

export function readFixture(relativePath: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8'));
}
