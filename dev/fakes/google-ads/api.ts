import type { FakeContext, FaultRule } from '../context';
import { accessibleCustomers, checkCustomerId, checkHeaderCustomerId, resolveCustomer } from './access';
import {
  adsError,
  GoogleAdsHttpError,
  insufficientScopes,
  internalError,
  newRequestId,
  notFound,
  quotaExhausted,
  unauthenticated,
} from './errors';
import { parseGaql } from './gaql/parse';
import { createRowRenderer, fieldMaskOf, type JsonObject } from './gaql/render';
import { GaqlQueryError } from './gaql/types';
import { validateGaql } from './gaql/validate';
import { PAGE_SIZE, type PageCache } from './paging';
import { checkQuota } from './quota';
import { runReport } from './report';
import { bearerToken, checkQueryParameters, checkVersion, matchApiRoute, parseSearchBody } from './request';
import { ADWORDS_SCOPE, type TokenStore } from './tokens';

export interface ApiRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** What the HTTP layer sends; `fault` asks it to truncate the body or drop the connection. */
export interface ApiOutcome {
  status: number;
  body: unknown;
  fault?: FaultRule;
}

interface CallNote {
  accountId?: string;
  principal?: string;
  cost: number;
}

/** Serves one googleads.googleapis.com request and records it in the ledger. */
export function handleApiRequest(
  ctx: FakeContext,
  tokens: TokenStore,
  pages: PageCache,
  request: ApiRequest,
): ApiOutcome & { requestId: string } {
  const requestId = newRequestId();
  const route = matchApiRoute(request.method, request.url.pathname);
  const note: CallNote = { cost: 0 };
  const stream = 'method' in route && route.method === 'searchStream';
  const version = route.version ?? 'v26';
  let outcome: ApiOutcome;
  try {
    outcome = serve(ctx, tokens, pages, request, route, note, requestId);
  } catch (error) {
    if (!(error instanceof GoogleAdsHttpError)) throw error;
    const body = error.body(failureVersion(version), requestId);
    outcome = { status: error.httpStatus, body: stream ? [body] : body };
  }
  ctx.calls.record({
    service: 'google_ads',
    method: request.method,
    path: route.path,
    ...(note.accountId ? { accountId: note.accountId } : {}),
    ...(note.principal ? { principal: note.principal } : {}),
    at: ctx.world.clock.now().getTime(),
    status: outcome.fault?.kind === 'timeout' ? 0 : outcome.status,
    cost: outcome.status === 200 || outcome.status === 400 ? note.cost : 0,
  });
  return { ...outcome, requestId };
}

function serve(
  ctx: FakeContext,
  tokens: TokenStore,
  pages: PageCache,
  request: ApiRequest,
  route: ReturnType<typeof matchApiRoute>,
  note: CallNote,
  requestId: string,
): ApiOutcome {
  if (!('method' in route)) throw route.version ? (checkVersion(route.version, route.path) ?? notFound(route.path)) : notFound(route.path);
  throwIf(checkVersion(route.version, route.path));
  if (route.method !== 'listAccessibleCustomers') {
    note.accountId = route.customerId;
    throwIf(checkCustomerId(route.customerId));
  }
  throwIf(checkQueryParameters(request.url.searchParams));

  const token = bearerToken(request.headers.get('authorization') ?? undefined, request.url.searchParams);
  const auth = token ? tokens.check(token) : undefined;
  if (auth?.memberId) note.principal = auth.memberId;
  const fault = ctx.faults.take('google_ads', { path: route.path, ...(note.accountId ? { accountId: note.accountId } : {}) });
  if (fault) {
    const early = applyFault(fault, tokens, note.principal);
    if (early) return early;
  }

  if (!token) throw unauthenticated('CREDENTIALS_MISSING');
  if (!auth?.ok) throw unauthenticated(auth?.reason ?? 'ACCESS_TOKEN_INVALID');
  if (!auth.scopes.includes(ADWORDS_SCOPE)) throw insufficientScopes();
  const loginCustomerId = request.headers.get('login-customer-id') ?? undefined;
  throwIf(checkHeaderCustomerId('login-customer-id', loginCustomerId));
  throwIf(checkHeaderCustomerId('linked-customer-id', request.headers.get('linked-customer-id') ?? undefined));
  const member = ctx.world.members('google_ads').find((m) => m.id === auth.memberId);
  if (!member) throw unauthenticated('ACCESS_TOKEN_INVALID');

  if (route.method === 'listAccessibleCustomers') {
    if (request.body.trim() !== '')
      throw new GoogleAdsHttpError('INVALID_ARGUMENT', [], undefined, 'listAccessibleCustomers takes no request body.');
    return { status: 200, body: { resourceNames: accessibleCustomers(member) }, ...(fault ? { fault } : {}) };
  }
  const body = parseSearchBody(request.body, route.method);
  throwIf(body instanceof GoogleAdsHttpError ? body : null);
  const search = body as Exclude<typeof body, GoogleAdsHttpError>;
  const account = resolveCustomer(ctx.world, member, route.customerId, loginCustomerId);
  if (account instanceof GoogleAdsHttpError) throw account;

  const resultKey = `${account.id}|${member.id}|${search.query}`;
  const page = search.pageToken ? pages.lookup(search.pageToken, resultKey) : undefined;
  if (page && !page.ok) {
    throw adsError(
      'INVALID_ARGUMENT',
      'requestError',
      page.code,
      page.code === 'EXPIRED_PAGE_TOKEN' ? 'Page token has expired.' : 'Page token is invalid.',
    );
  }
  const cost = page ? 0 : 1;
  const quota = checkQuota({
    calls: ctx.calls.list({ service: 'google_ads' }),
    now: ctx.world.clock.now().getTime(),
    regime: ctx.regimes.google_ads,
    customerId: account.id,
    cost,
  });
  if (!quota.ok) throw quotaExhausted(quota.kind, quota.retryDelaySeconds, quota.rateName);
  note.cost = cost;

  const query = compile(search.query);
  const fieldMask = fieldMaskOf(query.select);
  let rows: JsonObject[];
  if (page?.ok) rows = page.rows;
  else if (search.validateOnly) rows = [];
  else {
    const flat = runReport({ world: ctx.world, account, query, asOf: ctx.world.clock.now() });
    rows = flat.map(createRowRenderer(query.select, query.from, query.omitUnselectedResourceNames));
  }
  const consumption = String(Math.max(1, Math.ceil((rows.length * query.select.length) / 10)));
  const withFault = fault ? { fault } : {};

  if (route.method === 'searchStream') {
    const batches: JsonObject[] = [];
    for (let offset = 0; offset === 0 || offset < rows.length; offset += PAGE_SIZE) {
      const results = rows.slice(offset, offset + PAGE_SIZE);
      batches.push({ ...(results.length ? { results } : {}), fieldMask, requestId });
    }
    batches[batches.length - 1]!.queryResourceConsumption = consumption;
    return { status: 200, body: batches, ...withFault };
  }
  const offset = page?.ok ? page.offset : 0;
  const results = rows.slice(offset, offset + PAGE_SIZE);
  let nextPageToken: string | undefined;
  if (offset + PAGE_SIZE < rows.length) {
    const resultId = page?.ok ? page.resultId : pages.store(resultKey, rows);
    nextPageToken = pages.tokenFor(resultId, offset + PAGE_SIZE);
  }
  return {
    status: 200,
    body: {
      ...(results.length ? { results } : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
      ...(search.returnTotalResultsCount ? { totalResultsCount: String(rows.length) } : {}),
      fieldMask,
      queryResourceConsumption: consumption,
    },
    ...withFault,
  };
}

function compile(query: string) {
  try {
    return validateGaql(parseGaql(query));
  } catch (error) {
    if (!(error instanceof GaqlQueryError)) throw error;
    const trigger =
      error.queryError === 'UNRECOGNIZED_FIELD' ? { trigger: { stringValue: /'([^']+)'/.exec(error.message)?.[1] ?? '' } } : {};
    throw adsError('INVALID_ARGUMENT', 'queryError', error.queryError, error.message, {
      ...trigger,
      location: { fieldPathElements: [{ fieldName: 'query' }] },
      details: { queryErrorDetails: { characterPosition: error.position } },
    });
  }
}

/** Faults that answer instead of the platform; truncation and timeouts ride along with the real answer. */
function applyFault(fault: FaultRule, tokens: TokenStore, principal: string | undefined): ApiOutcome | null {
  switch (fault.kind) {
    case 'server_error':
      throw internalError();
    case 'rate_limit':
      throw quotaExhausted('qps', 1, 'Requests per customer per second');
    case 'revoked_token':
      if (principal) tokens.revokeMember(principal);
      throw unauthenticated('ACCESS_TOKEN_INVALID');
    case 'timeout':
      return { status: 0, body: null, fault };
    case 'truncated_body':
    // searchStream has no paging cursor to repeat.
    case 'repeat_cursor':
      return null;
  }
}

function throwIf(error: GoogleAdsHttpError | null): void {
  if (error) throw error;
}

/** The GoogleAdsFailure @type names the request's version; unknown versions fall back to the latest. */
function failureVersion(version: string): string {
  return /^v\d+$/.test(version) ? version : 'v26';
}
