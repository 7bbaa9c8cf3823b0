/**
 * The public web, as far as tenants' logos and favicons go: the Worker's brand-asset fetch reaches
 * `GET /public-web/<an https URL, encoded>` (BRAND_ASSET_FETCH_PROXY) and this fake answers by the
 * URL's file name, on any host:
 *
 * - `*.png`, `*.ico`, `*.svg`, `*.gif`: a small valid image of that type;
 * - `huge.png`: 2 MB of PNG, streamed without a Content-Length;
 * - `page.html`: an HTML page; `disguised.png`: HTML sent as image/png;
 * - `missing.png` and any other name: 404;
 * - `slow.png`: a valid PNG after 20 seconds;
 * - `redirect.png`: 302 to `logo.png` on the same https host; `redirect-to-http.png`: 302 to an http:// URL;
 *   `redirect-loop.png`: 302 to itself.
 *
 * A URL that is not https answers 400: the Worker must never ask for one.
 */
import { Hono } from 'hono';
import { onePixelIco, onePixelPng, SMALL_SVG } from './public-web-images';

const GIF_1X1 = new Uint8Array([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01,
  0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
]);

export const HUGE_IMAGE_BYTES = 2 * 1024 * 1024;
const SLOW_MS = 20_000;

/** Waits, unless the client gives up first (so a test run does not wait for the slow answer to finish). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** 2 MB starting with a PNG signature, sent in 64 KB chunks so only a reader that stops early saves the download. */
function hugePngStream(): ReadableStream<Uint8Array> {
  const chunkSize = 64 * 1024;
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= HUGE_IMAGE_BYTES) return controller.close();
      const chunk = new Uint8Array(chunkSize);
      if (sent === 0) chunk.set(onePixelPng().subarray(0, 8));
      sent += chunkSize;
      controller.enqueue(chunk);
    },
  });
}

const image = (bytes: Uint8Array, contentType: string) =>
  new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType, 'content-length': String(bytes.length) } });

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location } });
}

async function answer(target: URL, signal: AbortSignal): Promise<Response> {
  const name = target.pathname.split('/').pop() ?? '';
  switch (name) {
    case 'huge.png':
      return new Response(hugePngStream(), { headers: { 'content-type': 'image/png' } });
    case 'page.html':
      return new Response('<!doctype html><title>Acme</title><p>Not a logo.', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    case 'disguised.png':
      return new Response('<!doctype html><p>Not a PNG.', { headers: { 'content-type': 'image/png' } });
    case 'missing.png':
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    case 'slow.png':
      await sleep(SLOW_MS, signal);
      return image(onePixelPng(), 'image/png');
    case 'redirect.png':
      return redirect(new URL('logo.png', target).href);
    case 'redirect-to-http.png':
      return redirect(`http://${target.host}/logo.png`);
    case 'redirect-loop.png':
      return redirect(target.href);
  }
  if (name.endsWith('.png')) return image(onePixelPng(), 'image/png');
  if (name.endsWith('.ico')) return image(onePixelIco(), 'image/x-icon');
  if (name.endsWith('.gif')) return image(GIF_1X1, 'image/gif');
  if (name.endsWith('.svg')) return image(new TextEncoder().encode(SMALL_SVG), 'image/svg+xml');
  return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
}

export function createPublicWebFake(): Hono {
  const app = new Hono();
  app.get('/:target', async (c) => {
    const raw = new URL(c.req.url).pathname.split('/').pop() ?? '';
    let target: URL;
    try {
      target = new URL(decodeURIComponent(raw));
    } catch {
      return c.text('not an encoded URL', 400);
    }
    if (target.protocol !== 'https:') return c.text('the public web fake serves https URLs only', 400);
    return answer(target, c.req.raw.signal);
  });
  app.all('*', (c) => c.text('GET /public-web/<encoded https URL>', 404));
  return app;
}
