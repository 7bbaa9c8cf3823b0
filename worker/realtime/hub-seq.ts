interface HubStub {
  setName(name: string): Promise<void>;
  currentSeq(): Promise<number>;
}
interface HubNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): HubStub;
}

/**
 * The tenant hub's newest sequence number, read while a page renders (before its data), so the
 * page's socket can resume from it. Null when the hub cannot be reached: the page then connects
 * fresh and catches up once instead. getServerByName is written out for the reason given in
 * read-models/hub-budgets.ts.
 */
export async function readHubSeq(env: object, tenantId: string): Promise<number | null> {
  try {
    const namespace = (env as { TenantHub: HubNamespace }).TenantHub;
    const stub = namespace.get(namespace.idFromName(tenantId));
    await stub.setName(tenantId);
    return await stub.currentSeq();
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', event: 'hub-seq-unavailable', message: String(error) }));
    return null;
  }
}
