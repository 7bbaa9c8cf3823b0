/** The webhook queue's consumer and producer: one message per recorded event. */
import { z } from 'zod';
import type { Database } from '../../db/database';
import { forEachTenant } from '../../db/database';
import { listActiveTenantsAcrossTenants } from '../../db/queries/fleet';
import { listUndispatchedEvents } from '../../db/queries/webhooks';
import { dispatchEvent, retryDelaySeconds, type WebhookDeps } from './dispatch';

export const webhookMessage = z.object({ kind: z.literal('webhook'), tenantId: z.string().uuid(), eventId: z.string().uuid() });
export type WebhookMessage = z.infer<typeof webhookMessage>;

/** Hands recorded events to the queue; a failed send is logged and left to the cron's sweep. */
export async function enqueueWebhookEvents(queue: Queue, tenantId: string, eventIds: readonly string[]): Promise<void> {
  if (!eventIds.length) return;
  try {
    await queue.sendBatch(eventIds.map((eventId) => ({ body: { kind: 'webhook', tenantId, eventId } satisfies WebhookMessage })));
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        event: 'webhook-enqueue-failed',
        tenantId,
        count: eventIds.length,
        message: (error as Error).message,
      }),
    );
  }
}

export async function consumeWebhookBatch(batch: MessageBatch<unknown>, deps: WebhookDeps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = webhookMessage.safeParse(message.body);
    if (!parsed.success) {
      // Not ours to redeliver: an unparsable message cannot become deliverable.
      console.error(JSON.stringify({ level: 'error', event: 'webhook-message-malformed', id: message.id }));
      message.ack();
      continue;
    }
    try {
      const outcome = await dispatchEvent(deps, parsed.data.tenantId, parsed.data.eventId, message.attempts);
      if (outcome === 'retry') message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      else message.ack();
    } catch (error) {
      console.error(
        JSON.stringify({ level: 'error', event: 'webhook-dispatch-crashed', id: message.id, message: (error as Error).message }),
      );
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/** Events older than `minAgeMs` that no message dispatched (a lost send): queued again, bounded per tenant. */
export async function sweepUndispatchedEvents(
  db: Database,
  queue: Queue,
  now: Date,
  options = { minAgeMs: 10 * 60_000, limit: 50 },
): Promise<number> {
  const tenants = (await listActiveTenantsAcrossTenants(db)).map((t) => t.id);
  const before = new Date(now.getTime() - options.minAgeMs);
  const perTenant = await forEachTenant(db, tenants, (tx) => listUndispatchedEvents(tx, before, options.limit));
  let queued = 0;
  for (const [index, ids] of perTenant.entries()) {
    await enqueueWebhookEvents(queue, tenants[index]!, ids);
    queued += ids.length;
  }
  return queued;
}
