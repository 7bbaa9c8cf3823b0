import { loggableErrorMessage } from '../../db/query-errors';
import type { SyncMessage } from '../jobs/messages';

/** Enqueues backfill messages; returns how many went out (0 when the queue refused them). */
export async function enqueueBackfill(
  deps: { enqueue: (messages: SyncMessage[]) => Promise<void> },
  tenantId: string,
  messages: SyncMessage[],
): Promise<number> {
  if (!messages.length) return 0;
  try {
    await deps.enqueue(messages);
    return messages.length;
  } catch (error) {
    // The picks are stored; the nightly cron restarts a backfill that never ran.
    console.warn(JSON.stringify({ level: 'warn', event: 'backfill enqueue failed', tenantId, error: loggableErrorMessage(error) }));
    return 0;
  }
}
