import type { TenantTx } from '../../db/database';
import { recordWebhookEvent } from '../../db/queries/webhooks';
import type { NewWebhookEvent } from './events';

/** Writes the events in the caller's transaction; returns the ids of those written (a deduplicated one is not). */
export async function recordWebhookEvents(tx: TenantTx, events: readonly NewWebhookEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) {
    const id = await recordWebhookEvent(tx, event);
    if (id) ids.push(id);
  }
  return ids;
}
