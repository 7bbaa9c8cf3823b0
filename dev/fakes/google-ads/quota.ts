import type { CallRecord, GoogleRegime } from '../context';

const DAY_MS = 86_400_000;
const SECOND_MS = 1_000;

export type QuotaVerdict = { ok: true } | { ok: false; kind: 'daily' | 'qps'; retryDelaySeconds: number; rateName: string };

export interface QuotaInput {
  /** Google Ads calls in the ledger (any order). */
  calls: CallRecord[];
  now: number;
  regime: GoogleRegime;
  customerId: string;
  /** Operations this request would spend: 1 for a new query, 0 for a further page of one. */
  cost: number;
}

const RATE_NAMES: Record<GoogleRegime['accessLevel'], string> = {
  test: 'Number of operations for test access',
  explorer: 'Number of operations for explorer access',
  basic: 'Number of operations for basic access',
  standard: 'Number of operations for standard access',
};

/**
 * Decides whether a request fits Google's two limits: operations per sliding 24 h for the developer token
 * (RESOURCE_EXHAUSTED, retry when enough old operations leave the window) and requests per second per
 * customer (RESOURCE_TEMPORARILY_EXHAUSTED). Throttled requests spend nothing and do not fill the QPS bucket.
 */
export function checkQuota({ calls, now, regime, customerId, cost }: QuotaInput): QuotaVerdict {
  if (cost > 0 && Number.isFinite(regime.dailyOperations)) {
    const windowed = calls.filter((c) => c.cost > 0 && c.at > now - DAY_MS && c.at <= now).sort((a, b) => a.at - b.at);
    const used = windowed.reduce((sum, c) => sum + c.cost, 0);
    const excess = used + cost - regime.dailyOperations;
    if (excess > 0) {
      let freed = 0;
      let freeAt = now + DAY_MS;
      for (const call of windowed) {
        freed += call.cost;
        if (freed >= excess) {
          freeAt = call.at + DAY_MS;
          break;
        }
      }
      return {
        ok: false,
        kind: 'daily',
        retryDelaySeconds: Math.max(1, Math.ceil((freeAt - now) / SECOND_MS)),
        rateName: RATE_NAMES[regime.accessLevel],
      };
    }
  }
  const recent = calls.filter((c) => c.accountId === customerId && c.status !== 429 && c.at > now - SECOND_MS && c.at <= now);
  if (recent.length >= regime.qpsPerCustomer) {
    return { ok: false, kind: 'qps', retryDelaySeconds: 1, rateName: 'Requests per customer per second' };
  }
  return { ok: true };
}
