import type { FakeMember } from '../world/types';
import { loadCatalog } from './catalog';
import { parseEdgeStatusFilter, parseEntityFields, renderAccount, renderers, renderUser } from './entities';
import { metaErrors } from './errors';
import { type InsightsNode, insightsPage, nodeLevel, prepareInsights } from './insights/serve';
import { cursorLink, pageOf, parsePageRequest } from './paging';
import { jobStage, type ReportRun } from './report-runs';
import type { Route } from './router';
import type { MetaState } from './state';
import type { TokenGrant } from './tokens';
import { type GraphVersion, hasReportRunErrorFields } from './versions';

export interface CallContext {
  state: MetaState;
  version: GraphVersion;
  path: string;
  params: Map<string, string>;
  method: string;
  grant: TokenGrant;
  member: FakeMember;
}

/** Runs an authenticated Graph read or write and returns its JSON body. */
export function handleGraphCall(call: CallContext, route: Route): unknown {
  const { state, params, member } = call;
  const { world } = state.ctx;
  const now = world.clock.now();
  const self = state.absolute(call.path);
  switch (route.kind) {
    case 'me':
      return renderUser(member, parseEntityFields('user', params.get('fields')));
    case 'me_permissions':
      state.tokens.revokeMember(member.id);
      return { success: true };
    case 'me_adaccounts': {
      const fields = parseEntityFields('account', params.get('fields'));
      const accounts = member.accountIds.map((id) => world.account('meta', id)).filter((a) => a !== undefined);
      return pageOf(
        accounts.map((a) => renderAccount(a, fields, now)),
        parsePageRequest(params),
        (c) => cursorLink(self, params, c),
      );
    }
    case 'account':
      return renderAccount(world.account('meta', route.accountId)!, parseEntityFields('account', params.get('fields')), now);
    case 'node': {
      const catalog = loadCatalog(world, world.account('meta', route.accountId)!);
      return renderers[route.nodeKind](catalog, route.id, parseEntityFields(route.nodeKind, params.get('fields')));
    }
    case 'account_edge':
    case 'node_edge': {
      const node: InsightsNode =
        route.kind === 'account_edge' ? { kind: 'account', id: route.accountId } : { kind: route.nodeKind, id: route.id };
      if (route.edge === 'insights') return insightsEdge(call, route.accountId, node);
      return entityEdge(call, route.accountId, node, route.edge);
    }
    case 'report_run':
      return reportRunStatus(call, state.runs.get(route.runId)!);
    case 'report_run_insights': {
      const run = state.runs.get(route.runId)!;
      const stage = jobStage(run, state.nowMs(), state.ctx.regimes.meta.reportRunSteps);
      if (stage.status !== 'Job Completed') throw metaErrors.reportNotReady();
      run.completedAtMs ??= state.nowMs();
      const { catalog } = prepareInsights(world, run.accountId, run.node, new Map());
      return insightsPage(world, catalog, run.node, run.query, new Date(run.completedAtMs), params, self, { sync: false });
    }
    default:
      throw metaErrors.unknownPath(call.path);
  }
}

function entityEdge(call: CallContext, accountId: string, node: InsightsNode, edge: 'campaigns' | 'adsets' | 'ads') {
  const { state, params } = call;
  const catalog = loadCatalog(state.ctx.world, state.ctx.world.account('meta', accountId)!);
  const kind = edge === 'campaigns' ? 'campaign' : edge === 'adsets' ? 'adset' : 'ad';
  const fields = parseEntityFields(kind, params.get('fields'));
  const wanted = parseEdgeStatusFilter(params, kind);
  const under = (item: { campaignId?: string; adGroupId?: string; id: string }) =>
    node.kind === 'account' ||
    (node.kind === 'campaign' && item.campaignId === node.id) ||
    (node.kind === 'adset' && item.adGroupId === node.id);
  const items =
    kind === 'campaign' ? catalog.campaigns : kind === 'adset' ? catalog.adsets.map((a) => ({ ...a, adGroupId: a.id })) : catalog.ads;
  const ids = items.filter((item) => under(item) && wanted(catalog.effectiveStatus(kind, item.id))).map((item) => item.id);
  const rendered = ids.map((id) => renderers[kind](catalog, id, fields));
  return pageOf(rendered, parsePageRequest(params), (c) => cursorLink(state.absolute(call.path), params, c));
}

function insightsEdge(call: CallContext, accountId: string, node: InsightsNode) {
  const { state, params } = call;
  const { world } = state.ctx;
  const { catalog, query } = prepareInsights(world, accountId, node, params);
  if (call.method === 'POST') {
    // A fault on the synthetic path ".../insights/async_job" makes the job itself fail later.
    const fault = state.ctx.faults.take('meta', { path: `${call.path}/async_job`, accountId });
    const run = state.runs.create({
      accountId,
      node,
      nodeLevel: nodeLevel(node),
      query,
      createdAtMs: state.nowMs(),
      willFail: fault !== null,
    });
    return { report_run_id: run.id };
  }
  return insightsPage(world, catalog, node, query, world.clock.now(), params, state.absolute(call.path), { sync: true });
}

const REPORT_RUN_FIELDS = [
  'id',
  'account_id',
  'async_status',
  'async_percent_completion',
  'date_start',
  'date_stop',
  'time_ref',
  'time_completed',
  'is_running',
];
const REPORT_RUN_ERROR_FIELDS = ['error_code', 'error_message', 'error_subcode', 'error_user_title', 'error_user_msg'];

function reportRunStatus(call: CallContext, run: ReportRun) {
  const { state, params, version } = call;
  const allowed = hasReportRunErrorFields(version) ? [...REPORT_RUN_FIELDS, ...REPORT_RUN_ERROR_FIELDS] : REPORT_RUN_FIELDS;
  const requested = params
    .get('fields')
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const field of requested ?? []) if (!allowed.includes(field)) throw metaErrors.nonexistingField(field, 'AdReportRun');
  const stage = state.runs.poll(run, state.nowMs(), state.ctx.regimes.meta.reportRunSteps);
  const body: Record<string, unknown> = {
    id: run.id,
    account_id: run.accountId,
    async_status: stage.status,
    async_percent_completion: stage.percent,
    date_start: run.query.since,
    date_stop: run.query.until,
    time_ref: Math.floor(run.createdAtMs / 1000),
    is_running: stage.status !== 'Job Completed' && stage.status !== 'Job Failed',
  };
  if (run.completedAtMs !== undefined) body.time_completed = Math.floor(run.completedAtMs / 1000);
  if (stage.status === 'Job Failed' && hasReportRunErrorFields(version)) {
    Object.assign(body, {
      error_code: -2,
      error_subcode: 2490547,
      error_message: 'Report Failed',
      error_user_title: 'Report Failed',
      error_user_msg: 'The report could not be generated. Please try again, or request a smaller time range or fewer breakdowns.',
    });
  }
  if (!requested) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => key === 'id' || requested.includes(key)));
}
