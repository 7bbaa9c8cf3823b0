export type LimitedText = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'not_utf8' };

/**
 * Reads a request body as UTF-8 text, counting bytes as they arrive and cancelling the stream the
 * moment it passes `limitBytes`: a 10 MB or endless body costs at most one chunk past the limit,
 * whatever Content-Length claimed (or when there is none).
 */
export type LimitedBytes = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too_large' };

/** Reads a stream's bytes, cancelling it the moment it passes `limitBytes` (whatever Content-Length claimed). */
export async function readBytesWithin(body: ReadableStream<Uint8Array> | null, limitBytes: number): Promise<LimitedBytes> {
  if (!body) return { ok: true, bytes: new Uint8Array() };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel('body over the size limit').catch(() => undefined);
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

export async function readTextWithin(body: ReadableStream<Uint8Array> | null, limitBytes: number): Promise<LimitedText> {
  const read = await readBytesWithin(body, limitBytes);
  if (!read.ok) return read;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(read.bytes) };
  } catch {
    return { ok: false, reason: 'not_utf8' };
  }
}
