import type { CallLedger, CallRecord } from './context';

type CallFilter = Partial<Pick<CallRecord, 'service' | 'accountId' | 'principal'>>;

const matches = (call: CallRecord, filter: CallFilter = {}) =>
  (filter.service === undefined || call.service === filter.service) &&
  (filter.accountId === undefined || call.accountId === filter.accountId) &&
  (filter.principal === undefined || call.principal === filter.principal);

/** Every call the fakes answered, oldest first; the oldest are dropped beyond `limit` to bound memory. */
export function createCallLedger(options: { limit?: number } = {}): CallLedger {
  const limit = options.limit ?? 200_000;
  let calls: CallRecord[] = [];
  const listeners = new Set<(call: CallRecord) => void>();
  return {
    record(call) {
      calls.push(call);
      for (const listener of listeners) listener(call);
      if (calls.length > limit) calls = calls.slice(calls.length - Math.floor(limit * 0.9));
    },
    list: (filter) => calls.filter((call) => matches(call, filter)),
    cost: (filter, sinceMs) => calls.reduce((sum, call) => (call.at >= sinceMs && matches(call, filter) ? sum + call.cost : sum), 0),
    reset() {
      calls = [];
    },
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
