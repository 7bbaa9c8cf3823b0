import { describe, expect, it } from 'vitest';
import { readTextWithin } from './limited-body';

/** A stream of `chunks` chunks of `size` bytes of 'a', counting how many bytes were pulled from it. */
function countingStream(chunks: number, size: number) {
  const pulled = { bytes: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent += 1;
      pulled.bytes += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  return { stream, pulled };
}

describe('readTextWithin', () => {
  it('reads a body within the limit as UTF-8 text', async () => {
    const body = new Response('{"name":"Zoë"}').body;
    expect(await readTextWithin(body, 64)).toEqual({ ok: true, text: '{"name":"Zoë"}' });
  });

  it('reads an absent body as empty text', async () => {
    expect(await readTextWithin(null, 64)).toEqual({ ok: true, text: '' });
  });

  it('accepts a body of exactly the limit', async () => {
    const { stream } = countingStream(4, 16);
    expect(await readTextWithin(stream, 64)).toMatchObject({ ok: true });
  });

  it('stops reading as soon as the limit is passed, without pulling the rest', async () => {
    const { stream, pulled } = countingStream(10_000, 1024);
    expect(await readTextWithin(stream, 64 * 1024)).toEqual({ ok: false, reason: 'too_large' });
    expect(pulled.bytes).toBeLessThanOrEqual(66 * 1024);
  });

  it('counts bytes, not characters', async () => {
    const body = new Response('€'.repeat(30)).body;
    expect(await readTextWithin(body, 64)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses bytes that are not UTF-8', async () => {
    const body = new Response(new Uint8Array([0x7b, 0xff, 0x7d])).body;
    expect(await readTextWithin(body, 64)).toEqual({ ok: false, reason: 'not_utf8' });
  });
});
