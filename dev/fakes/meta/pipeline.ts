import type { FaultRule } from '../context';
import { MetaError, metaErrorBody, metaErrors, newFbtraceId } from './errors';
import { handleGraphCall } from './handlers';
import { INSIGHTS_PARAMS } from './insights/params';
import { handleOAuth } from './oauth';
import { isOver } from './rate-limits';
import type { GraphRequest } from './request';
import { type Route, resolveRoute, routeAccountId, routeBucType } from './router';
import type { MetaState } from './state';
import type { TokenGrant } from './tokens';
import { accountUsage, appUsage, usageHeaders } from './usage';
import { type GraphVersion, parseVersion } from './versions';

export type GraphOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  /** The connection is held for `delayMs`, then dropped without a response. */
  | { kind: 'drop'; delayMs: number };

const JSON_TYPE = 'application/json; charset=UTF-8';
/** Graph error codes that mean "throttled": app (4), user (17), page (32), custom (613), business use case (80000-80014). */
const META_THROTTLE_CODES = new Set([4, 17, 32, 613, ...Array.from({ length: 15 }, (_, i) => 80000 + i)]);
const AUTH_PARAMS = ['access_token', 'appsecret_proof', 'pretty'];
const PAGING = ['limit', 'after', 'before'];

function allowedParams(route: Route): readonly string[] {
  switch (route.kind) {
    case 'me':
    case 'account':
    case 'node':
    case 'report_run':
      return ['fields'];
    case 'me_adaccounts':
      return ['fields', ...PAGING];
    case 'account_edge':
    case 'node_edge':
      return route.edge === 'insights' ? INSIGHTS_PARAMS : ['fields', 'effective_status', 'filtering', ...PAGING];
    case 'report_run_insights':
      return PAGING;
    case 'batch':
      return ['batch', 'include_headers'];
    default:
      return [];
  }
}

const isInsightsRead = (route: Route, method: string) =>
  route.kind === 'report_run_insights' ||
  ((route.kind === 'account_edge' || route.kind === 'node_edge') && route.edge === 'insights' && method === 'GET');

/**
 * One Graph call end to end: version, route, faults, token, access, throttles, handler;
 * every call lands in the ledger with the status it got, and usage headers reflect the ledger after it.
 */
export async function serveGraphCall(state: MetaState, req: GraphRequest, runBatch: BatchRunner): Promise<GraphOutcome> {
  const { ctx } = state;
  const fbtrace = newFbtraceId();
  const at = state.nowMs();
  const segments = req.path.split('/').filter(Boolean);
  let route: Route | undefined;
  let version: GraphVersion | undefined;
  let grant: TokenGrant | undefined;
  let principal: string | undefined;
  let cost = 0;
  let status = 200;
  let body = '';
  let extraHeaders: Record<string, string> = {};
  let fault: FaultRule | null = null;
  let throttled = false;

  try {
    version = parseVersion(segments[0], req.path);
    route = resolveRoute(segments.slice(1), req.method, req.path, {
      world: ctx.world,
      reportRunAccount: (id) => state.runs.get(id)?.accountId,
    });
    if (route.kind === 'oauth_dialog' || route.kind === 'oauth_token') {
      fault = ctx.faults.take('meta', { path: req.path });
      if (fault && fault.kind !== 'truncated_body' && fault.kind !== 'repeat_cursor')
        await applyFault(state, fault, undefined, route, req.method);
      const outcome = handleOAuth(state, route.kind, req);
      status = outcome.status;
      body = outcome.body;
      extraHeaders = outcome.headers;
      principal = outcome.principal;
      return finish();
    }
    if (route.kind === 'batch' && req.inBatch) throw metaErrors.unknownPath(req.path);
    const accountId = routeAccountId(route);
    const token = req.params.get('access_token') ?? req.bearer;
    principal = state.tokens.peek(token)?.memberId;
    fault = ctx.faults.take('meta', { path: req.path, accountId });
    if (fault?.kind === 'timeout' && !isInsightsRead(route, req.method)) {
      ctx.calls.record({ service: 'meta', method: req.method, path: req.path, accountId, principal, at, status: 0, cost: 0 });
      return { kind: 'drop', delayMs: fault.delayMs ?? 0 };
    }
    if (fault && fault.kind !== 'truncated_body' && fault.kind !== 'repeat_cursor') {
      cost = fault.kind === 'server_error' ? 1 : 0;
      await applyFault(state, fault, principal, route, req.method);
    }
    if (!token) throw metaErrors.missingToken();
    grant = state.tokens.authenticate(token);
    const member = ctx.world.members('meta').find((m) => m.id === grant!.memberId)!;
    for (const key of req.params.keys())
      if (!AUTH_PARAMS.includes(key) && !allowedParams(route).includes(key))
        throw metaErrors.invalidParameter(`The parameter ${key} is not supported by this endpoint`);
    if (accountId && !member.accountIds.includes(accountId)) throw metaErrors.unsupportedRequest(req.method, segments[1]!);
    if (accountId && !grant.scopes.some((s) => s === 'ads_read' || s === 'ads_management')) throw metaErrors.missingPermission('ads_read');
    throwIfThrottled(state, route, accountId);
    cost = route.kind === 'batch' ? 0 : 1;
    if (route.kind === 'batch') {
      body = JSON.stringify(await runBatch(version, req.params, token));
    } else {
      body = JSON.stringify(
        handleGraphCall({ state, version, path: req.path, params: req.params, method: req.method, grant, member }, route),
      );
    }
  } catch (caught) {
    let error = caught;
    if (!(error instanceof MetaError)) {
      console.error('[meta fake] unexpected error', caught);
      error = metaErrors.unknownError();
    }
    if (!(error instanceof MetaError)) throw caught;
    status = error.spec.status;
    throttled = META_THROTTLE_CODES.has(error.spec.code);
    body = JSON.stringify(metaErrorBody(error.spec, fbtrace));
    extraHeaders = { ...error.spec.headers };
  }
  return finish();

  function finish(): GraphOutcome {
    if (fault?.kind === 'repeat_cursor' && status === 200) body = repeatCursor(body, req.params.get('after'));
    if (fault?.kind === 'truncated_body') {
      status = 200;
      body = body.slice(0, Math.floor(body.length / 2));
    }
    const accountId = route && routeAccountId(route);
    ctx.calls.record({
      service: 'meta',
      method: req.method,
      path: req.path,
      accountId,
      principal,
      at,
      status,
      cost,
      ...(throttled ? { throttled } : {}),
    });
    const headers: Record<string, string> = { 'x-fb-trace-id': fbtrace, ...extraHeaders };
    if (!headers['Content-Type']) headers['Content-Type'] = JSON_TYPE;
    if (version) headers['Facebook-API-Version'] = version;
    if (grant && route) Object.assign(headers, usageHeaders(state, accountId, routeBucType(route)));
    return { kind: 'response', status, headers, body };
  }
}

export type BatchRunner = (version: GraphVersion, params: Map<string, string>, token: string) => Promise<unknown>;

async function applyFault(state: MetaState, fault: FaultRule, principal: string | undefined, route: Route, method: string): Promise<void> {
  switch (fault.kind) {
    case 'server_error':
      throw metaErrors.serverError();
    case 'rate_limit':
      throw routeAccountId(route) ? metaErrors.adAccountCallLimit() : metaErrors.userRequestLimit();
    case 'revoked_token':
      if (principal) state.tokens.revokeMember(principal);
      throw metaErrors.revokedToken();
    case 'timeout':
      // Sync insights reads time out on Meta's side and come back as an error (100/1504018).
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0));
      if (isInsightsRead(route, method)) throw metaErrors.insightsTimeout();
      return;
    case 'truncated_body':
      return;
  }
}

function throwIfThrottled(state: MetaState, route: Route, accountId: string | undefined): void {
  const bucType = routeBucType(route);
  if (!accountId || !bucType) {
    if (route.kind !== 'batch' && isOver(appUsage(state))) throw metaErrors.appLimit(false);
    return;
  }
  const usage = accountUsage(state, accountId);
  if (isOver(usage.app)) throw metaErrors.appLimit(bucType === 'ads_insights');
  if (isOver(usage.buc[bucType]))
    throw bucType === 'ads_insights' ? metaErrors.insightsAccountLimit() : metaErrors.managementAccountLimit();
}

/**
 * The repeat_cursor fault: a page that was asked for with `after=X` names X again in paging.next,
 * so a client that follows next blindly reads that page forever. The first page (no `after`) is left alone.
 */
export function repeatCursor(body: string, after: string | undefined): string {
  if (!after) return body;
  const parsed = JSON.parse(body) as { paging?: { next?: string; cursors?: { after?: string } } };
  const next = parsed.paging?.next;
  if (!next) return body;
  const url = new URL(next);
  url.searchParams.set('after', after);
  parsed.paging = { ...parsed.paging, next: url.toString(), cursors: { ...parsed.paging?.cursors, after } };
  return JSON.stringify(parsed);
}
