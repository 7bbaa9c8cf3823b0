/**
 * Orders work round-robin across tenants so one tenant with thousands of ad accounts
 * cannot push every other tenant's syncs to the back of the queue.
 */
export function interleaveByTenant<T extends { tenantId: string }>(items: T[]): T[] {
  const byTenant = new Map<string, T[]>();
  for (const item of items) {
    const list = byTenant.get(item.tenantId);
    if (list) list.push(item);
    else byTenant.set(item.tenantId, [item]);
  }
  const queues = [...byTenant.values()];
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const queue of queues) {
      const item = queue[round];
      if (item) out.push(item);
    }
  }
  return out;
}
