import { adsError, GoogleAdsHttpError, unknownRequestField } from './errors';

/** Versions the fake serves; v26 is the latest. */
export const LIVE_VERSIONS = ['v23', 'v24', 'v25', 'v26'] as const;
/** Sunset majors and the day they stopped answering (AD-APIS.md §0). */
export const SUNSET_VERSIONS: Record<string, string> = { v19: '2026-02-11', v20: '2026-06-10', v21: '2026-08-05', v22: '2026-10-07' };

export type ApiRoute =
  | { method: 'listAccessibleCustomers'; version: string; path: string }
  | { method: 'search' | 'searchStream'; version: string; path: string; customerId: string };

const ROUTE = /\/(v\d+)\/(?:customers:listAccessibleCustomers|customers\/([^/]+)\/googleAds:(search|searchStream))$/;
const VERSIONED = /\/(v\d+)\/.*$/;

/** Matches `/vNN/customers:listAccessibleCustomers` and `/vNN/customers/{cid}/googleAds:search|searchStream` at the end of a path. */
export function matchApiRoute(method: string, pathname: string): ApiRoute | { unknown: true; version?: string; path: string } {
  const route = ROUTE.exec(pathname);
  if (!route) {
    const versioned = VERSIONED.exec(pathname);
    return { unknown: true, ...(versioned ? { version: versioned[1]!, path: versioned[0] } : {}), path: versioned?.[0] ?? pathname };
  }
  const [path, version, customerId, rpc] = route as unknown as [string, string, string | undefined, 'search' | 'searchStream' | undefined];
  if (!rpc) return method === 'GET' ? { method: 'listAccessibleCustomers', version, path } : { unknown: true, version, path };
  return method === 'POST' ? { method: rpc, version, path, customerId: customerId! } : { unknown: true, version, path };
}

/** null for a live version; otherwise Google's answer for a sunset or never-existing major. */
export function checkVersion(version: string, path: string): GoogleAdsHttpError | null {
  if ((LIVE_VERSIONS as readonly string[]).includes(version)) return null;
  const sunset = SUNSET_VERSIONS[version];
  const message = sunset
    ? `Google Ads API ${version} was sunset on ${sunset} and no longer accepts requests. Use ${LIVE_VERSIONS.at(-1)} (latest) or another live version: ${LIVE_VERSIONS.join(', ')}.`
    : `The requested URL ${path} was not found on this server.`;
  return new GoogleAdsHttpError('NOT_FOUND', [], undefined, message);
}

/** Google's system parameters that any REST method accepts. */
const SYSTEM_PARAMETERS = new Set(['alt', '$alt', 'prettyPrint', 'access_token']);

export function checkQueryParameters(params: URLSearchParams): GoogleAdsHttpError | null {
  for (const [name, value] of params) {
    if (!SYSTEM_PARAMETERS.has(name)) return unknownRequestField(name, 'query');
    if ((name === 'alt' || name === '$alt') && value !== 'json') {
      return new GoogleAdsHttpError(
        'INVALID_ARGUMENT',
        [],
        undefined,
        `Invalid value at 'alt' (type.googleapis.com/system_parameters.alt), "${value}": only json is served by this fake.`,
      );
    }
  }
  return null;
}

export interface SearchBody {
  query: string;
  pageToken?: string;
  validateOnly?: boolean;
  returnTotalResultsCount?: boolean;
}

const BODY_FIELDS = {
  search: new Set(['query', 'pageToken', 'pageSize', 'validateOnly', 'returnTotalResultsCount', 'summaryRowSetting']),
  searchStream: new Set(['query', 'summaryRowSetting']),
};

/** Reads and checks a Search / SearchStream body the way the REST transcoder and GoogleAdsService do. */
export function parseSearchBody(text: string, rpc: 'search' | 'searchStream'): SearchBody | GoogleAdsHttpError {
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return new GoogleAdsHttpError(
      'INVALID_ARGUMENT',
      [],
      [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [{ description: 'Invalid JSON payload received. Unexpected token.' }],
        },
      ],
      'Invalid JSON payload received. Unexpected token.',
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return new GoogleAdsHttpError('INVALID_ARGUMENT', [], undefined, 'Invalid JSON payload received. Expected an object.');
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) if (!BODY_FIELDS[rpc].has(name)) return unknownRequestField(name, 'body');
  if ('pageSize' in fields) {
    return adsError(
      'INVALID_ARGUMENT',
      'requestError',
      'PAGE_SIZE_NOT_SUPPORTED',
      "Setting the page size is not supported. Search Responses will have fixed page size of '10000' rows.",
      {
        location: { fieldPathElements: [{ fieldName: 'page_size' }] },
      },
    );
  }
  const summary = fields.summaryRowSetting;
  if (summary !== undefined && summary !== 'NO_SUMMARY_ROW' && summary !== 'UNSPECIFIED') {
    return adsError(
      'INVALID_ARGUMENT',
      'requestError',
      'UNKNOWN',
      `summaryRowSetting ${String(summary)} is not implemented by the Tidemark fake; send NO_SUMMARY_ROW or leave it out.`,
    );
  }
  if (typeof fields.query !== 'string' || fields.query.trim() === '') {
    return adsError('INVALID_ARGUMENT', 'fieldError', 'REQUIRED', 'The required field was not present.', {
      location: { fieldPathElements: [{ fieldName: 'query' }] },
    });
  }
  for (const flag of ['validateOnly', 'returnTotalResultsCount'] as const) {
    if (fields[flag] !== undefined && typeof fields[flag] !== 'boolean') {
      return unknownRequestField(flag, 'body');
    }
  }
  if (fields.pageToken !== undefined && typeof fields.pageToken !== 'string') return unknownRequestField('pageToken', 'body');
  return {
    query: fields.query,
    ...(typeof fields.pageToken === 'string' && fields.pageToken !== '' ? { pageToken: fields.pageToken } : {}),
    ...(fields.validateOnly === true ? { validateOnly: true } : {}),
    ...(fields.returnTotalResultsCount === true ? { returnTotalResultsCount: true } : {}),
  };
}

/** The bearer token from `Authorization: Bearer …` (or the `access_token` system parameter). */
export function bearerToken(authorization: string | undefined, params: URLSearchParams): string | undefined {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match?.[1] ?? params.get('access_token') ?? undefined;
}
