export type OutboundService = 'sendgrid' | 'slack' | 'datadog' | 'cloudflare' | 'webhooks';

export interface OutboundRecord {
  id: number;
  service: OutboundService;
  /** Fake-clock time of receipt. */
  at: string;
  method: string;
  path: string;
  body: unknown;
  /** Service-specific digest for the inbox (e.g. subject and recipients of an email). */
  summary?: Record<string, unknown>;
}

export interface Outbox {
  record(entry: Omit<OutboundRecord, 'id'>): OutboundRecord;
  /** Newest first. */
  list(service?: OutboundService): OutboundRecord[];
  clear(service?: OutboundService): void;
}

/** What the outbound fakes received, bounded per service so a long demo cannot grow without limit. */
export function createOutbox(options: { limitPerService?: number } = {}): Outbox {
  const limit = options.limitPerService ?? 1_000;
  const byService = new Map<OutboundService, OutboundRecord[]>();
  let nextId = 1;
  return {
    record(entry) {
      const stored = { ...entry, id: nextId++ };
      const list = byService.get(entry.service) ?? [];
      list.push(stored);
      if (list.length > limit) list.shift();
      byService.set(entry.service, list);
      return stored;
    },
    list(service) {
      const lists = service ? [byService.get(service) ?? []] : [...byService.values()];
      return lists.flat().sort((a, b) => b.id - a.id);
    },
    clear(service) {
      if (service) byService.delete(service);
      else byService.clear();
    },
  };
}
