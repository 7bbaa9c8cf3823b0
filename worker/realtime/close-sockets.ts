import type { Database } from '../../db/client';
import { listTenantsForUser } from '../../db/queries/auth';

type Who = { sessionId: string } | { userId: string };
interface HubStub {
  setName(name: string): Promise<void>;
  closeConnectionsOf(who: Who): Promise<number>;
}
interface HubNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): HubStub;
}

/**
 * Closes the live-update sockets of an ended session (or, without `sessionId`, of every session of
 * the user) in each tenant hub the user can open, or in `tenantIds` when given (a membership that
 * was just removed no longer lists its tenant). Sign-out calls it; the sessions page and
 * membership changes will too. A hub that cannot be reached is logged and skipped: the session is
 * already gone from the database, so its socket cannot reconnect. partyserver's getServerByName is
 * written out for the reason given in read-models/hub-budgets.ts (the logout page imports this).
 */
export async function closeSessionSockets(
  env: object,
  db: Database,
  ended: { userId: string; sessionId?: string; tenantIds?: string[] },
): Promise<number> {
  const namespace = (env as { TenantHub: HubNamespace }).TenantHub;
  const tenantIds = ended.tenantIds ?? (await listTenantsForUser(db, ended.userId)).map((t) => t.id);
  const who: Who = ended.sessionId ? { sessionId: ended.sessionId } : { userId: ended.userId };
  const results = await Promise.allSettled(
    tenantIds.map(async (tenantId) => {
      const stub = namespace.get(namespace.idFromName(tenantId));
      await stub.setName(tenantId);
      return stub.closeConnectionsOf(who);
    }),
  );
  let closed = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') closed += result.value;
    else console.error(JSON.stringify({ level: 'error', event: 'close-session-sockets-failed', message: String(result.reason) }));
  }
  return closed;
}
