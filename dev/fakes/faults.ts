import type { FaultPlan, FaultRule, ServiceName } from './context';

/** Faults to inject, matched in the order they were added; each match uses up one of `remaining`. */
export function createFaultPlan(): FaultPlan {
  let rules: FaultRule[] = [];
  let nextId = 1;
  return {
    add(rule) {
      if (!(rule.remaining > 0)) throw new RangeError('a fault rule needs remaining > 0 (Infinity for until cleared)');
      const added: FaultRule = { ...rule, id: `fault-${nextId++}` };
      rules.push(added);
      return added;
    },
    take(service, request) {
      const rule = rules.find(
        (r) =>
          r.service === service &&
          (r.pathContains === undefined || request.path.includes(r.pathContains)) &&
          (r.accountId === undefined || r.accountId === request.accountId),
      );
      if (!rule) return null;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules = rules.filter((r) => r !== rule);
      return { ...rule };
    },
    list: () => rules.map((r) => ({ ...r })),
    clear(service?: ServiceName) {
      rules = service ? rules.filter((r) => r.service !== service) : [];
    },
  };
}
