import type { FakeAccount, World } from '../world/types';
import { metaErrors } from './errors';

export type NodeKind = 'campaign' | 'adset' | 'ad';
export type Edge = 'campaigns' | 'adsets' | 'ads' | 'insights';

export type Route =
  | { kind: 'batch' }
  | { kind: 'oauth_dialog' }
  | { kind: 'oauth_token' }
  | { kind: 'me' }
  | { kind: 'me_adaccounts' }
  | { kind: 'me_permissions' }
  | { kind: 'account'; accountId: string }
  | { kind: 'account_edge'; accountId: string; edge: Edge }
  | { kind: 'node'; nodeKind: NodeKind; id: string; accountId: string }
  | { kind: 'node_edge'; nodeKind: NodeKind; id: string; accountId: string; edge: Edge }
  | { kind: 'report_run'; runId: string; accountId: string }
  | { kind: 'report_run_insights'; runId: string; accountId: string };

const NODE_EDGES: Record<'account' | NodeKind, readonly Edge[]> = {
  account: ['campaigns', 'adsets', 'ads', 'insights'],
  campaign: ['adsets', 'ads', 'insights'],
  adset: ['ads', 'insights'],
  ad: ['insights'],
};
const NODE_TYPE_NAMES: Record<'account' | NodeKind, string> = { account: 'AdAccount', campaign: 'Campaign', adset: 'AdSet', ad: 'Ad' };

export interface RouteLookup {
  world: World;
  /** Account of a report run id, if it is one. */
  reportRunAccount(id: string): string | undefined;
}

/** Maps path segments after the version to a route; unknown shapes get Graph's own errors. */
export function resolveRoute(segments: string[], method: string, fullPath: string, lookup: RouteLookup): Route {
  const [first, second, ...rest] = segments;
  if (rest.length > 0) throw metaErrors.unknownPath(fullPath);
  const only = (...methods: string[]) => {
    if (!methods.includes(method)) throw metaErrors.unsupportedRequest(method, first ?? '');
  };
  if (first === undefined) {
    only('POST');
    return { kind: 'batch' };
  }
  if (first === 'dialog' && second === 'oauth') {
    only('GET', 'POST');
    return { kind: 'oauth_dialog' };
  }
  if (first === 'oauth' && second === 'access_token') {
    only('GET', 'POST');
    return { kind: 'oauth_token' };
  }
  if (first === 'me' && second === 'permissions') {
    // DELETE /me/permissions de-authorizes the app for the user (every permission, every token).
    only('DELETE');
    return { kind: 'me_permissions' };
  }
  if (first === 'me') {
    only('GET');
    if (second === undefined) return { kind: 'me' };
    if (second === 'adaccounts') return { kind: 'me_adaccounts' };
    throw metaErrors.nonexistingField(second, 'User');
  }
  const account = /^act_(\d+)$/.exec(first);
  if (account) {
    const accountId = account[1]!;
    if (!lookup.world.account('meta', accountId)) throw metaErrors.unsupportedRequest(method, first);
    if (second === undefined) {
      only('GET');
      return { kind: 'account', accountId };
    }
    const edge = checkEdge('account', second);
    only(...(edge === 'insights' ? ['GET', 'POST'] : ['GET']));
    return { kind: 'account_edge', accountId, edge };
  }
  const runAccount = lookup.reportRunAccount(first);
  if (runAccount) {
    if (second === undefined) {
      only('GET');
      return { kind: 'report_run', runId: first, accountId: runAccount };
    }
    if (second !== 'insights') throw metaErrors.nonexistingField(second, 'AdReportRun');
    only('GET');
    return { kind: 'report_run_insights', runId: first, accountId: runAccount };
  }
  const node = /^\d+$/.test(first) ? findNode(lookup.world, first) : undefined;
  if (!node) throw metaErrors.unsupportedRequest(method, first);
  if (second === undefined) {
    only('GET');
    return { kind: 'node', nodeKind: node.kind, id: first, accountId: node.account.id };
  }
  const edge = checkEdge(node.kind, second);
  only(...(edge === 'insights' ? ['GET', 'POST'] : ['GET']));
  return { kind: 'node_edge', nodeKind: node.kind, id: first, accountId: node.account.id, edge };
}

function checkEdge(node: 'account' | NodeKind, name: string): Edge {
  if (!(NODE_EDGES[node] as readonly string[]).includes(name)) throw metaErrors.nonexistingField(name, NODE_TYPE_NAMES[node]);
  return name as Edge;
}

function findNode(world: World, id: string): { kind: NodeKind; account: FakeAccount } | undefined {
  for (const account of world.accounts('meta')) {
    if (world.campaigns('meta', account.id).some((c) => c.id === id)) return { kind: 'campaign', account };
    if (world.adGroups('meta', account.id).some((a) => a.id === id)) return { kind: 'adset', account };
    if (world.ads('meta', account.id).some((a) => a.id === id)) return { kind: 'ad', account };
  }
  return undefined;
}

/** The account a route reads, if any (what rate limits and the call ledger key on). */
export function routeAccountId(route: Route): string | undefined {
  return 'accountId' in route ? route.accountId : undefined;
}

/** Insights reads bill ads_insights; entity reads bill ads_management. */
export function routeBucType(route: Route): 'ads_insights' | 'ads_management' | undefined {
  if (route.kind === 'report_run' || route.kind === 'report_run_insights') return 'ads_insights';
  if ((route.kind === 'account_edge' || route.kind === 'node_edge') && route.edge === 'insights') return 'ads_insights';
  if (route.kind === 'account' || route.kind === 'account_edge' || route.kind === 'node' || route.kind === 'node_edge')
    return 'ads_management';
  return undefined;
}
