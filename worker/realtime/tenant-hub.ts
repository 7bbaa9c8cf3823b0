import type { Connection, ConnectionContext } from 'partyserver';
import { BudgetServer } from './budget-server';
import { coalesceEvents, EVENT_LOG_LIMIT, type HubEvent, type HubEventBody, type HubMessage, parseSince, planResume } from './events';
import { HUB_SESSION_HEADER, HUB_USER_HEADER, SESSION_ENDED_CLOSE_CODE, socketTags } from './socket-origin';

/** How long publish() waits to merge a burst of sync commits into one broadcast. */
const COALESCE_MS = 75;

/**
 * One per tenant. Holds the tenant's live dashboard sockets (hibernating) and a
 * sequence-numbered event log so a reconnecting client receives what it missed.
 * It also keeps each of the tenant's ad accounts' call budgets and circuit breaker (BudgetServer),
 * so one tenant's syncs never spend another tenant's quota.
 */
export class TenantHub extends BudgetServer {
  static override options = { hibernate: true };

  #pending: HubEventBody[] = [];
  #flushing: Promise<HubEvent[]> | null = null;

  override onStart(): void {
    this.sql`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      body TEXT NOT NULL
    )`;
  }

  /** Tags each socket with the user and session that opened it (headers set by authorize.ts), so they can be closed by either. */
  override getConnectionTags(_connection: Connection, ctx: ConnectionContext): string[] {
    return socketTags(ctx.request.headers.get(HUB_USER_HEADER), ctx.request.headers.get(HUB_SESSION_HEADER));
  }

  /**
   * Closes the sockets a session opened (it signed out or was revoked), or every socket of a user
   * (their membership ended); returns how many were closed. The page does not reconnect after the
   * SESSION_ENDED_CLOSE_CODE.
   */
  closeConnectionsOf(who: { sessionId: string } | { userId: string }): number {
    const tag = 'sessionId' in who ? `session:${who.sessionId}` : `user:${who.userId}`;
    let closed = 0;
    for (const connection of this.getConnections(tag)) {
      connection.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
      closed += 1;
    }
    return closed;
  }

  override onConnect(connection: Connection, ctx: ConnectionContext): void {
    const since = parseSince(new URL(ctx.request.url).searchParams.get('since'));
    const newest = this.#newestSeq();
    send(connection, { type: 'hello', tenant: this.name, seq: newest });
    const plan = planResume(since, { oldest: this.#oldestSeq(), newest });
    if (plan.kind === 'reload') send(connection, { type: 'reload', reason: 'resume-too-old', seq: newest });
    if (plan.kind === 'replay') for (const event of this.#eventsAfter(plan.after)) send(connection, event);
  }

  override onMessage(connection: Connection, message: string | ArrayBuffer | ArrayBufferView): void {
    if (message === 'ping') connection.send('pong');
  }

  /**
   * Records events and broadcasts them after a short coalescing delay; resolves with the
   * events as stored (with their sequence numbers).
   */
  async publish(...events: HubEventBody[]): Promise<HubEvent[]> {
    this.#pending.push(...events);
    this.#flushing ??= new Promise<HubEvent[]>((resolve) => {
      setTimeout(() => {
        this.#flushing = null;
        resolve(this.#flush());
      }, COALESCE_MS);
    });
    return this.#flushing;
  }

  /**
   * The newest sequence number: a page is rendered with it and its socket opens with `?since=` it,
   * so events published between the render and the connect are replayed rather than lost.
   */
  currentSeq(): number {
    return this.#newestSeq();
  }

  /** Events after `seq`, oldest first (for tests and operator tools). */
  eventsAfter(seq: number): HubEvent[] {
    return this.#eventsAfter(seq);
  }

  #flush(): HubEvent[] {
    const bodies = coalesceEvents(this.#pending.splice(0));
    const at = new Date().toISOString();
    const stored = bodies.map((body) => {
      const [row] = this.sql<{ seq: number }>`INSERT INTO events (at, body) VALUES (${at}, ${JSON.stringify(body)}) RETURNING seq`;
      return { ...body, seq: row!.seq, at } as HubEvent;
    });
    const newest = this.#newestSeq();
    this.sql`DELETE FROM events WHERE seq <= ${newest - EVENT_LOG_LIMIT}`;
    for (const event of stored) this.broadcast(JSON.stringify(event));
    return stored;
  }

  #eventsAfter(seq: number): HubEvent[] {
    return this.sql<{ seq: number; at: string; body: string }>`SELECT seq, at, body FROM events WHERE seq > ${seq} ORDER BY seq`.map(
      (row) => ({ ...(JSON.parse(row.body) as HubEventBody), seq: row.seq, at: row.at }),
    );
  }

  #newestSeq(): number {
    // sqlite_sequence keeps the high-water mark even after the log is trimmed to empty.
    const [row] = this.sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'events'`;
    return row?.seq ?? 0;
  }

  #oldestSeq(): number | null {
    const [row] = this.sql<{ seq: number | null }>`SELECT MIN(seq) AS seq FROM events`;
    return row?.seq ?? null;
  }
}

function send(connection: Connection, message: HubMessage): void {
  connection.send(JSON.stringify(message));
}
