import type { FaultPlan, FaultRule, ServiceName } from './context';

/** mulberry32: a small, fast, seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Faults to inject, matched in the order they were added; each match uses up one of `remaining`. */
export function createFaultPlan(): FaultPlan {
  let rules: FaultRule[] = [];
  let nextId = 1;
  const draws = new Map<string, () => number>();
  const applies = (rule: FaultRule) => rule.probability === undefined || draws.get(rule.id)!() < rule.probability;
  return {
    add(rule) {
      if (!(rule.remaining > 0)) throw new RangeError('a fault rule needs remaining > 0 (Infinity for until cleared)');
      if (rule.probability !== undefined && !(rule.probability > 0 && rule.probability <= 1))
        throw new RangeError('a fault probability must be in (0, 1]');
      const added: FaultRule = { ...rule, id: `fault-${nextId++}` };
      if (added.probability !== undefined) draws.set(added.id, seededRandom(added.seed ?? 1));
      rules.push(added);
      return added;
    },
    take(service, request) {
      const rule = rules.find(
        (r) =>
          r.service === service &&
          (r.pathContains === undefined || request.path.includes(r.pathContains)) &&
          (r.accountId === undefined || r.accountId === request.accountId) &&
          applies(r),
      );
      if (!rule) return null;
      rule.remaining -= 1;
      if (rule.remaining <= 0) {
        rules = rules.filter((r) => r !== rule);
        draws.delete(rule.id);
      }
      return { ...rule };
    },
    list: () => rules.map((r) => ({ ...r })),
    clear(service?: ServiceName) {
      rules = service ? rules.filter((r) => r.service !== service) : [];
      for (const id of draws.keys()) if (!rules.some((r) => r.id === id)) draws.delete(id);
    },
  };
}
