/**
 * Test double for the injected fetch: serves scripted answers in order and fails loudly on any
 * request the script did not expect. The code under test may swallow a failed request (http.ts
 * turns a throwing fetch into a transient failure), so every rejection is also kept and rethrown
 * by `assertDone()`, which runs by itself when the test that created the double finishes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { onTestFinished } from 'vitest';

export interface RecordedRequest {
  method: string;
  url: URL;
  /** The raw URL string as sent (to check exact Rest.li encoding). */
  rawUrl: string;
  headers: Headers;
  body: string;
}

export interface ScriptedAnswer {
  /** Checks the request; throw (e.g. with expect) to reject it, which fails the test. */
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
  /**
   * Throws when a request was rejected (by an `expect` callback or as unexpected) or scripted
   * answers were left unused. Runs after the test by itself; call it to check earlier.
   */
  assertDone(): void;
}

/** Must be called inside a test: the double registers its own end-of-test check. */
export function createScriptedFetch(script: ScriptedAnswer[]): ScriptedFetch {
  const queue = [...script];
  const requests: RecordedRequest[] = [];
  const rejections: Error[] = [];
  let failedCheck = false;

  // The error goes to the code under test and is kept for assertDone(), named after its request.
  const reject = (request: string, thrown: unknown): never => {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    error.message = `${request} rejected: ${error.message}`;
    rejections.push(error);
    throw error;
  };
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
    const label = `request #${requests.length} (${request.method} ${rawUrl})`;
    const next = queue.shift();
    if (!next) return reject(label, new Error('the script has no answer left'));
    try {
      next.expect?.(request);
    } catch (error) {
      return reject(label, error);
    }
    if (next.networkError) throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    const text = typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {});
    return new Response(text, {
      status: next.status ?? 200,
      headers: { 'content-type': 'application/json', ...next.headers },
    });
  };

  const assertDone = () => {
    const problem = describeProblems(rejections, queue.length);
    if (!problem) return;
    failedCheck = true;
    throw problem;
  };
  // An explicit assertDone() that already failed the test need not report the same again.
  onTestFinished(() => {
    if (!failedCheck) assertDone();
  });
  return { fetch: fetchImpl as typeof fetch, requests, assertDone };
}

/** A single rejection is rethrown as it is (an expect() keeps its diff); several are listed with the first as cause. */
function describeProblems(rejections: Error[], unused: number): Error | null {
  const unusedNote = unused > 0 ? `${unused} scripted answer(s) never requested` : null;
  const [first] = rejections;
  if (!first) return unusedNote ? new Error(unusedNote) : null;
  if (rejections.length === 1 && !unusedNote) return first;
  const lines = [...rejections.map((error) => error.message), ...(unusedNote ? [unusedNote] : [])];
  return new Error(`scripted fetch:\n${lines.join('\n')}`, { cause: first });
}

/** The recorded platform payloads shared with the fakes (cwd = repo root). */
export const FIXTURES_DIR = path.resolve(process.cwd(), '../shared/fixtures');

export function readFixture(relativePath: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8'));
}
