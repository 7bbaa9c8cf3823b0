/** What one benchmark client received: every event seq, in arrival order, and the delivery latencies of live (not replayed) events. */
export type ClientLog = {
  /** The hub seq the client started from (its first hello). */
  startSeq: number;
  seqs: number[];
  /** Whether the forced reconnect opened again and resumed (a hello after the drop). */
  resumed: boolean;
};

export type DeliveryReport = {
  /** Sum over clients of the seqs in (startSeq, finalSeq] they never received. */
  missed: number;
  /** Sum over clients of the extra copies of seqs received more than once. */
  duplicates: number;
  /** Clients that resumed and then saw every seq exactly once. */
  resumedOk: number;
};

/** Checks each client saw every seq after its start up to `finalSeq` exactly once. */
export function checkDelivery(clients: readonly ClientLog[], finalSeq: number): DeliveryReport {
  let missed = 0;
  let duplicates = 0;
  let resumedOk = 0;
  for (const client of clients) {
    const seen = new Map<number, number>();
    for (const seq of client.seqs) seen.set(seq, (seen.get(seq) ?? 0) + 1);
    let clientMissed = 0;
    let clientDuplicates = 0;
    for (let seq = client.startSeq + 1; seq <= finalSeq; seq += 1) if (!seen.has(seq)) clientMissed += 1;
    for (const count of seen.values()) clientDuplicates += count - 1;
    missed += clientMissed;
    duplicates += clientDuplicates;
    if (client.resumed && clientMissed === 0 && clientDuplicates === 0) resumedOk += 1;
  }
  return { missed, duplicates, resumedOk };
}

/** The benchmark's fixed-form last line. */
export function resultLine(r: { sockets: number; p50: number; p95: number; missed: number; resumedOk: number }): string {
  const pct = r.sockets === 0 ? 0 : Math.floor((r.resumedOk / r.sockets) * 1000) / 10;
  return `ws-bench sockets=${r.sockets} broadcast_p50_ms=${Math.round(r.p50)} broadcast_p95_ms=${Math.round(r.p95)} missed_events=${r.missed} resumed_ok=${pct}%`;
}
