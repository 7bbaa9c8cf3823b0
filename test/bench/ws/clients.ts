import WebSocket from 'ws';
import type { ClientLog } from './delivery';

type Frame = { type?: string; seq?: number; at?: string };

/**
 * One dashboard-like client of the tenant hub: remembers every event seq it receives, resumes with
 * `?since=<last seq>` after a drop, and times live deliveries (receive time minus the hub's
 * publish time `at`; replayed events are not timed, they were published before the socket opened).
 */
export class HubClient {
  readonly log: ClientLog = { startSeq: -1, seqs: [], resumed: false };
  readonly latenciesMs: number[] = [];
  #socket: WebSocket | null = null;
  #lastSeq: number | null = null;
  #helloSeq = 0;
  #connects = 0;

  constructor(
    private readonly url: string,
    private readonly cookie: string,
  ) {}

  /** Opens (or re-opens, resuming) the socket; resolves on the hub's hello. */
  open(timeoutMs = 30_000): Promise<void> {
    const since = this.#lastSeq === null ? '' : `?since=${this.#lastSeq}`;
    const socket = new WebSocket(`${this.url}${since}`, { headers: { cookie: this.cookie }, perMessageDeflate: false });
    this.#socket = socket;
    this.#connects += 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no hello from the hub')), timeoutMs);
      socket.on('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new Error(`upgrade refused: ${res.statusCode}`));
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('message', (data) => {
        const receivedAt = Date.now();
        const frame = JSON.parse(String(data)) as Frame;
        if (typeof frame.seq !== 'number') return;
        if (frame.type === 'hello') {
          this.#helloSeq = frame.seq;
          if (this.log.startSeq < 0) this.log.startSeq = frame.seq;
          if (this.#lastSeq === null) this.#lastSeq = frame.seq;
          if (this.#connects > 1) this.log.resumed = true;
          clearTimeout(timer);
          resolve();
          return;
        }
        if (frame.type === 'reload') {
          this.log.resumed = false;
          return;
        }
        this.log.seqs.push(frame.seq);
        this.#lastSeq = Math.max(this.#lastSeq ?? 0, frame.seq);
        if (frame.seq > this.#helloSeq && frame.at) this.latenciesMs.push(receivedAt - Date.parse(frame.at));
      });
    });
  }

  get lastSeq(): number {
    return this.#lastSeq ?? -1;
  }

  /** Drops the socket as a deploy or a network change would; resolves once it is closed. */
  drop(): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.terminate();
    });
  }

  close(): void {
    this.#socket?.terminate();
  }
}

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function inBatches<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  });
  await Promise.all(workers);
}
