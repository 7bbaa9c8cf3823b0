import { metaErrors } from './errors';

/** A Graph call after transport details are gone: the same shape for top-level HTTP requests and batch items. */
export interface GraphRequest {
  method: string;
  /** Path below the service prefix without query, e.g. "/v23.0/act_123/insights". */
  path: string;
  /** Query and form parameters merged, as Graph treats them. */
  params: Map<string, string>;
  /** Token from `Authorization: Bearer|OAuth <token>`, if sent. */
  bearer?: string;
  inBatch: boolean;
}

/** Headers that belong to other ad platforms: a client sending them to Meta is misconfigured. */
const FOREIGN_HEADERS = [
  'developer-token',
  'login-customer-id',
  'linked-customer-id',
  'linkedin-version',
  'x-restli-protocol-version',
  'x-restli-method',
];

/** Reads an HTTP request into a GraphRequest; `prefix` is where the fake is mounted ("/meta"). */
export async function readGraphRequest(request: Request, prefix: string): Promise<GraphRequest> {
  const url = new URL(request.url);
  for (const name of FOREIGN_HEADERS) if (request.headers.has(name)) throw metaErrors.unexpectedHeader(name);
  const params = new Map<string, string>();
  const addAll = (entries: Iterable<[string, string]>) => {
    for (const [key, value] of entries) {
      if (params.has(key) && params.get(key) !== value)
        throw metaErrors.invalidParameter(`Param ${key} was given twice with different values`);
      params.set(key, value);
    }
  };
  addAll(url.searchParams);
  if (request.method !== 'GET' && request.method !== 'HEAD') addAll(await readBody(request));
  const path = url.pathname.startsWith(`${prefix}/`) || url.pathname === prefix ? url.pathname.slice(prefix.length) || '/' : url.pathname;
  return { method: request.method, path, params, bearer: readBearer(request.headers.get('authorization')), inBatch: false };
}

async function readBody(request: Request): Promise<[string, string][]> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('multipart/form-data')) {
    const form = await request.formData();
    return [...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']);
  }
  const text = await request.text();
  if (!text) return [];
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw metaErrors.invalidParameter('Request body is not valid JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw metaErrors.invalidParameter('JSON body must be an object of parameters');
    return Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  if (type === '' || type.includes('application/x-www-form-urlencoded')) return [...new URLSearchParams(text)];
  throw metaErrors.invalidParameter(`Unsupported Content-Type ${type}`);
}

function readBearer(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^(Bearer|OAuth)\s+(\S+)$/i.exec(header.trim());
  if (!match) throw metaErrors.invalidToken();
  return match[2];
}

/** A batch item as a GraphRequest: relative_url may carry its own version, query and access_token. */
export function batchItemRequest(
  version: string,
  item: { method: string; relativeUrl: string; body?: string },
  batchToken: string | undefined,
): GraphRequest {
  const relative = item.relativeUrl.replace(/^\/+/, '');
  const url = new URL(`http://batch.invalid/${relative}`);
  const versioned = /^v\d+\.\d+(\/|$)/.test(relative);
  const params = new Map<string, string>(url.searchParams);
  if (item.body) for (const [k, v] of new URLSearchParams(item.body)) params.set(k, v);
  if (!params.has('access_token') && batchToken) params.set('access_token', batchToken);
  return { method: item.method.toUpperCase(), path: versioned ? url.pathname : `/${version}${url.pathname}`, params, inBatch: true };
}
