/**
 * Dashboard query results cached with the Cache API under a key that carries the tenant's data
 * version: a sync commit bumps the version, so stale entries become unreachable at once instead
 * of waiting out a TTL. A miss is always correct (the Cache API is a no-op on workers.dev).
 */
export interface CacheScope {
  tenantId: string;
  dataVersion: number;
}

/** Safety net only: entries of old data versions are never read again anyway. */
export const QUERY_CACHE_TTL_SECONDS = 600;

/** The cache key of one query; parameters are sorted so equal queries share an entry. */
export function queryCacheKey(scope: CacheScope, name: string, params: Record<string, string | number | undefined>): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `https://query-cache.tidemark.internal/${encodeURIComponent(scope.tenantId)}/v${scope.dataVersion}/${encodeURIComponent(name)}?${query}`;
}

/** Returns the cached result of `load` for this tenant version and parameters, computing it on a miss. */
export async function cachedQuery<T>(
  scope: CacheScope,
  name: string,
  params: Record<string, string | number | undefined>,
  load: () => Promise<T>,
  cache: Cache | undefined = typeof caches === 'undefined' ? undefined : (caches as unknown as { default: Cache }).default,
): Promise<{ value: T; hit: boolean }> {
  if (!cache) return { value: await load(), hit: false };
  const key = new Request(queryCacheKey(scope, name, params));
  const cached = await cache.match(key);
  if (cached) return { value: (await cached.json()) as T, hit: true };
  const value = await load();
  await cache.put(
    key,
    new Response(JSON.stringify(value), {
      headers: { 'content-type': 'application/json', 'cache-control': `max-age=${QUERY_CACHE_TTL_SECONDS}` },
    }),
  );
  return { value, hit: false };
}
