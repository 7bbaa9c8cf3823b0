import { describe, expect, it } from 'vitest';
import { handleConcurrently } from './concurrent-batch';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('handleConcurrently', () => {
  it('starts every message of the batch before any of them finishes', async () => {
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = handleConcurrently(
      [0, 1, 2],
      async (i) => {
        started.push(i);
        await gates[i]!.promise;
      },
      () => undefined,
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    await done;
  });

  it('hands only the message whose handler threw to the failure path, with its error', async () => {
    const failures: Array<[string, string]> = [];
    const handled: string[] = [];
    await handleConcurrently(
      ['a', 'b', 'c'],
      async (m) => {
        if (m === 'b') throw new Error('enqueue failed');
        handled.push(m);
      },
      (m, error) => failures.push([m, error.message]),
    );
    expect(handled.sort()).toEqual(['a', 'c']);
    expect(failures).toEqual([['b', 'enqueue failed']]);
  });

  it('turns a thrown non-error into an error', async () => {
    const failures: string[] = [];
    await handleConcurrently(
      [1],
      () => Promise.reject('plain string'),
      (_, error) => failures.push(error.message),
    );
    expect(failures).toEqual(['plain string']);
  });
});
