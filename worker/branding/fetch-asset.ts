import { readBytesWithin } from '../lib/limited-body';
import { BRAND_ASSET_MAX_BYTES, type BrandAssetKind, checkImage, nextHttpsUrl } from './image-check';

/** Redirects we follow (each to https only) before giving up. */
export const BRAND_ASSET_MAX_REDIRECTS = 3;
/** The whole fetch, redirects and body included. */
export const BRAND_ASSET_TIMEOUT_MS = 5_000;

export interface FetchedAsset {
  kind: BrandAssetKind;
  contentType: string;
  bytes: Uint8Array;
  sha256: string;
  sourceUrl: string;
}

export type AssetFetchResult = { ok: true; asset: FetchedAsset } | { ok: false; reason: string };

export interface AssetFetchDeps {
  fetch: typeof fetch;
  /**
   * Development and tests only: every request goes to `${proxy}/<the https URL, encoded>` (the fake
   * public web) instead of the URL itself. Redirects are still judged by the https URLs they name.
   */
  proxy?: string;
  timeoutMs?: number;
}

const refused = (reason: string): AssetFetchResult => ({ ok: false, reason });

function requestUrl(target: URL, proxy: string | undefined): string {
  return proxy ? `${proxy.replace(/\/+$/, '')}/${encodeURIComponent(target.href)}` : target.href;
}

type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** Reads at most `limit` bytes; one more cancels the stream, so a huge body is never downloaded. */
async function readLimited(response: Response, limit: number): Promise<BodyRead> {
  const tooLarge = { ok: false as const, reason: `too large: more than ${limit / 1024} KB` };
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return tooLarge;
  }
  const read = await readBytesWithin(response.body, limit);
  return read.ok ? read : tooLarge;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Rejects when the signal fires, whether or not the awaited work itself watches the signal. */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

const isRedirect = (status: number) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/**
 * Fetches a tenant's logo or favicon once, to keep a copy: https only, at most 3 redirects (each to
 * https), one timeout over the whole exchange, the body read up to the kind's byte limit, and the
 * image checked by content type and magic bytes. Never throws: a refusal carries a reason for the caller.
 */
export async function fetchBrandAsset(deps: AssetFetchDeps, kind: BrandAssetKind, sourceUrl: string): Promise<AssetFetchResult> {
  let target = nextHttpsUrl(sourceUrl, 'https://invalid.invalid/');
  if (!target || !/^https:/i.test(sourceUrl)) return refused('not https: only https:// URLs are fetched');
  const signal = AbortSignal.timeout(deps.timeoutMs ?? BRAND_ASSET_TIMEOUT_MS);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await untilAborted(
        signal,
        deps.fetch(requestUrl(target, deps.proxy), {
          redirect: 'manual',
          signal,
          headers: { accept: 'image/png,image/jpeg,image/gif,image/webp,image/x-icon,image/svg+xml' },
        }),
      );
      if (isRedirect(response.status)) {
        await response.body?.cancel();
        if (redirects >= BRAND_ASSET_MAX_REDIRECTS) return refused(`not reachable: more than ${BRAND_ASSET_MAX_REDIRECTS} redirects`);
        const next = nextHttpsUrl(response.headers.get('location'), target.href);
        if (!next) return refused('not https: it redirects to a URL that is not https');
        target = next;
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return refused(`not reachable: the server answered ${response.status}`);
      }
      const body = await untilAborted(signal, readLimited(response, BRAND_ASSET_MAX_BYTES[kind]));
      if (!body.ok) return body;
      const verdict = checkImage(response.headers.get('content-type'), body.bytes);
      if (!verdict.ok) return verdict;
      return {
        ok: true,
        asset: { kind, contentType: verdict.contentType, bytes: body.bytes, sha256: await sha256Hex(body.bytes), sourceUrl },
      };
    }
  } catch (error) {
    if (signal.aborted) return refused(`not reachable: no complete answer within ${(deps.timeoutMs ?? BRAND_ASSET_TIMEOUT_MS) / 1000} s`);
    return refused(`not reachable: ${(error as Error).message || 'the connection failed'}`);
  }
}
