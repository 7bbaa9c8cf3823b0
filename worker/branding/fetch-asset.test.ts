import { describe, expect, it } from 'vitest';
import { createPublicWebFake } from '../../dev/fakes/services/public-web';
import { onePixelIco, onePixelPng } from '../../dev/fakes/services/public-web-images';
import { fetchBrandAsset } from './fetch-asset';

const PROXY = 'http://public-web.fake';

/** The fake public web answering through the proxy URL scheme, and a log of the URLs asked for. */
function publicWeb() {
  const app = createPublicWebFake();
  const asked: string[] = [];
  let cancelledAfter: number | undefined;
  const fetcher: typeof fetch = async (input, init) => {
    const url = String(input);
    asked.push(decodeURIComponent(url.slice(PROXY.length + 1)));
    const response = await app.request(url.slice(PROXY.length), init);
    if (!response.body) return response;
    // Count what the reader pulled before it cancelled the stream.
    let pulled = 0;
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        pulled += value.byteLength;
        controller.enqueue(value);
      },
      async cancel(reason) {
        cancelledAfter = pulled;
        await reader.cancel(reason);
      },
    });
    return new Response(counted, { status: response.status, headers: response.headers });
  };
  return { deps: { fetch: fetcher, proxy: PROXY }, asked, cancelledAfter: () => cancelledAfter };
}

describe('fetching a brand asset', () => {
  it('keeps a PNG logo with its bytes, canonical type and SHA-256, asking the proxy for the encoded https URL', async () => {
    const web = publicWeb();
    const result = await fetchBrandAsset(web.deps, 'logo', 'https://cdn.acme.test/logo.png');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.asset).toMatchObject({ kind: 'logo', contentType: 'image/png', sourceUrl: 'https://cdn.acme.test/logo.png' });
    expect([...result.asset.bytes]).toEqual([...onePixelPng()]);
    expect(result.asset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(web.asked).toEqual(['https://cdn.acme.test/logo.png']);
  });

  it('keeps an ICO favicon', async () => {
    const result = await fetchBrandAsset(publicWeb().deps, 'favicon', 'https://cdn.acme.test/favicon.ico');
    expect(result.ok && [...result.asset.bytes]).toEqual([...onePixelIco()]);
  });

  it('follows a redirect to https and names the final image by the URL it was given', async () => {
    const web = publicWeb();
    const result = await fetchBrandAsset(web.deps, 'logo', 'https://cdn.acme.test/a/redirect.png');
    expect(result).toMatchObject({ ok: true, asset: { sourceUrl: 'https://cdn.acme.test/a/redirect.png' } });
    expect(web.asked).toEqual(['https://cdn.acme.test/a/redirect.png', 'https://cdn.acme.test/a/logo.png']);
  });

  it('refuses a redirect to http without asking for it', async () => {
    const web = publicWeb();
    expect(await fetchBrandAsset(web.deps, 'logo', 'https://cdn.acme.test/redirect-to-http.png')).toEqual({
      ok: false,
      reason: 'not https: it redirects to a URL that is not https',
    });
    expect(web.asked).toHaveLength(1);
  });

  it('gives up after 3 redirects', async () => {
    const web = publicWeb();
    expect(await fetchBrandAsset(web.deps, 'logo', 'https://cdn.acme.test/redirect-loop.png')).toEqual({
      ok: false,
      reason: 'not reachable: more than 3 redirects',
    });
    expect(web.asked).toHaveLength(4);
  });

  it('refuses a 2 MB image as too large, cancelling the stream soon after the limit', async () => {
    const web = publicWeb();
    expect(await fetchBrandAsset(web.deps, 'logo', 'https://cdn.acme.test/huge.png')).toEqual({
      ok: false,
      reason: 'too large: more than 512 KB',
    });
    expect(web.cancelledAfter()).toBeGreaterThan(512 * 1024);
    expect(web.cancelledAfter()).toBeLessThanOrEqual(512 * 1024 + 64 * 1024);
  });

  it('holds a favicon to 128 KB, refusing a declared length above it before reading', async () => {
    const big = new Uint8Array(200 * 1024);
    big.set(onePixelPng().subarray(0, 8));
    const fetcher: typeof fetch = async () =>
      new Response(big, { headers: { 'content-type': 'image/png', 'content-length': String(big.length) } });
    expect(await fetchBrandAsset({ fetch: fetcher }, 'favicon', 'https://cdn.acme.test/big.png')).toEqual({
      ok: false,
      reason: 'too large: more than 128 KB',
    });
  });

  it('refuses an HTML page, HTML sent as a PNG and a 404, each with its reason', async () => {
    const { deps } = publicWeb();
    expect(await fetchBrandAsset(deps, 'logo', 'https://cdn.acme.test/page.html')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not an image: the server sent text\/html/),
    });
    expect(await fetchBrandAsset(deps, 'logo', 'https://cdn.acme.test/disguised.png')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not an image/),
    });
    expect(await fetchBrandAsset(deps, 'logo', 'https://cdn.acme.test/missing.png')).toEqual({
      ok: false,
      reason: 'not reachable: the server answered 404',
    });
  });

  it('refuses a server that does not answer within the timeout', async () => {
    const { deps } = publicWeb();
    const started = Date.now();
    expect(await fetchBrandAsset({ ...deps, timeoutMs: 200 }, 'logo', 'https://cdn.acme.test/slow.png')).toEqual({
      ok: false,
      reason: 'not reachable: no complete answer within 0.2 s',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an http URL without fetching it', async () => {
    const web = publicWeb();
    expect(await fetchBrandAsset(web.deps, 'logo', 'http://cdn.acme.test/logo.png')).toEqual({
      ok: false,
      reason: 'not https: only https:// URLs are fetched',
    });
    expect(web.asked).toEqual([]);
  });
});
