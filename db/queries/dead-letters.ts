import { desc, isNull } from 'drizzle-orm';
import type { Database } from '../database';
import { deadLetters } from '../schema';

export interface DeadLetterInput {
  messageId: string;
  queue: string;
  body: unknown;
  attempts: number;
}

/** Parks a dead-lettered message; a redelivery of the same message id is ignored. */
export async function recordDeadLetter(db: Database, input: DeadLetterInput): Promise<void> {
  const tenantId = tenantIdOf(input.body);
  await db
    .insert(deadLetters)
    .values({ ...input, body: input.body as object, tenantId })
    .onConflictDoNothing({ target: deadLetters.messageId });
}

export async function listDeadLetters(db: Database, options: { includeRedriven?: boolean; limit?: number } = {}) {
  return db
    .select()
    .from(deadLetters)
    .where(options.includeRedriven ? undefined : isNull(deadLetters.redrivenAt))
    .orderBy(desc(deadLetters.receivedAt))
    .limit(options.limit ?? 100);
}

function tenantIdOf(body: unknown): string | null {
  const id = (body as { tenantId?: unknown } | null)?.tenantId;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}
