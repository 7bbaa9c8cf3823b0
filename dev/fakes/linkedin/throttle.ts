/** LinkedIn's daily limits: per application and per member, per resource, reset at midnight UTC. */
import type { CallRecord, LinkedInRegime } from '../context';

const DAY_MS = 86_400_000;

/** The rate-limited resource a path belongs to: "/rest/adAccounts/1/adCampaigns" → "adCampaigns". */
export function resourceOf(path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const rest = segments.indexOf('rest');
  const names = segments.slice(rest + 1).filter((s) => !/^\d+$/.test(s) && !s.startsWith('urn'));
  return names.at(-1) ?? path;
}

/**
 * Which daily bucket is exhausted for this call, if any. Only calls that were served count
 * (cost > 0): throttled and rejected calls are free.
 */
export function exhaustedBucket(
  calls: readonly CallRecord[],
  call: { path: string; principal?: string; nowMs: number },
  regime: LinkedInRegime,
): 'APPLICATION' | 'APPLICATION_AND_MEMBER' | null {
  const since = Math.floor(call.nowMs / DAY_MS) * DAY_MS;
  const resource = resourceOf(call.path);
  let app = 0;
  let member = 0;
  for (const c of calls) {
    if (c.cost <= 0 || c.at < since || c.at > call.nowMs || resourceOf(c.path) !== resource) continue;
    app += c.cost;
    if (call.principal !== undefined && c.principal === call.principal) member += c.cost;
  }
  if (app >= regime.dailyAppLimit) return 'APPLICATION';
  const memberLimit = (call.principal !== undefined && regime.dailyMemberLimitByMember?.[call.principal]) || regime.dailyMemberLimit;
  if (call.principal !== undefined && member >= memberLimit) return 'APPLICATION_AND_MEMBER';
  return null;
}
