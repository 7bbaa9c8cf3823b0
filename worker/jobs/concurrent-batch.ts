/**
 * A queue batch's messages handled at once: each sync mostly waits (platform calls, Postgres, the
 * publish coalescing), so one after another a batch of ten took ten times as long. Each message is
 * still acked or retried on its own (writes for one ad account are serialized by its advisory
 * lock), and a handler that throws fails only its own message: `failed` decides what happens to it,
 * where before one throw failed the whole batch.
 */
export async function handleConcurrently<M>(
  messages: readonly M[],
  handle: (message: M) => Promise<void>,
  failed: (message: M, error: Error) => void,
): Promise<void> {
  const results = await Promise.allSettled(messages.map((message) => handle(message)));
  results.forEach((result, i) => {
    if (result.status === 'rejected') {
      failed(messages[i]!, result.reason instanceof Error ? result.reason : new Error(String(result.reason)));
    }
  });
}
