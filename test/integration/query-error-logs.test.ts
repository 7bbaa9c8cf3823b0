import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import type { SyncMessage } from '../../worker/jobs/messages';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every line the Worker wrote to the console (any level) while `run` ran. */
async function consoleLines(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => {
    lines.push(
      args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '),
    );
  };
  for (const level of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(capture);
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return lines;
}

describe('a failed query in the logs', () => {
  it('names the statement and the Postgres error, never its parameter values', async () => {
    // jsonb cannot hold \u0000: parking this dead letter fails inside Postgres, with the body as a parameter.
    const canary = `leak-canary-${crypto.randomUUID()}@example.test`;
    const id = `unparkable-${crypto.randomUUID()}`;
    const body = { kind: 'sync', tenantId: crypto.randomUUID(), contact: canary, note: 'nul \u0000 byte' };
    const batch = createMessageBatch('tidemark-sync-dlq', [{ id, timestamp: new Date(), attempts: 1, body }]);
    const ctx = createExecutionContext();
    const lines = await consoleLines(async () => {
      await worker.queue(batch as unknown as MessageBatch<SyncMessage>, env, ctx);
      await waitOnExecutionContext(ctx);
    });
    await expect(getQueueResult(batch, ctx)).resolves.toMatchObject({ retryMessages: [{ msgId: id }] });
    const failure = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.event === 'could not park dead letter');
    expect(failure?.error).toMatch(/^Failed query: insert into "dead_letters"/);
    for (const line of lines) {
      expect(line).not.toContain(canary);
      expect(line).not.toContain(body.tenantId);
      expect(line).not.toMatch(/params:/);
    }
    expect(failure?.error).toMatch(/unsupported Unicode escape sequence/);
  });
});
