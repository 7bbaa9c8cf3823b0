import type { JsonObject } from './gaql/render';

/** Google's fixed Search page size since v19; `pageSize` in the request is an error. */
export const PAGE_SIZE = 10_000;
const TOKEN_TTL_MS = 60 * 60_000;
const MAX_CACHED_RESULTS = 200;

interface CachedResult {
  key: string;
  rows: JsonObject[];
  expiresAt: number;
}

export type PageLookup =
  | { ok: true; rows: JsonObject[]; offset: number; resultId: string }
  | { ok: false; code: 'INVALID_PAGE_TOKEN' | 'EXPIRED_PAGE_TOKEN' };

/**
 * Keeps a query's full result so its later pages are served from it (and, as on Google, cost no operation).
 * A page token names the cached result and an offset; it only works for the same customer and query.
 */
export function createPageCache(now: () => number) {
  const results = new Map<string, CachedResult>();
  let nextId = 1;

  return {
    store(key: string, rows: JsonObject[]): string {
      const resultId = `r${nextId++}`;
      results.set(resultId, { key, rows, expiresAt: now() + TOKEN_TTL_MS });
      while (results.size > MAX_CACHED_RESULTS) results.delete(results.keys().next().value!);
      return resultId;
    },

    tokenFor(resultId: string, offset: number): string {
      return Buffer.from(`${resultId}:${offset}:tidemark-fake`).toString('base64url');
    },

    lookup(token: string, key: string): PageLookup {
      const [resultId, offsetText] = Buffer.from(token, 'base64url').toString('utf8').split(':');
      const cached = resultId ? results.get(resultId) : undefined;
      const offset = Number(offsetText);
      if (!cached || cached.key !== key || !Number.isInteger(offset) || offset <= 0 || offset >= cached.rows.length) {
        return { ok: false, code: 'INVALID_PAGE_TOKEN' };
      }
      if (cached.expiresAt <= now()) return { ok: false, code: 'EXPIRED_PAGE_TOKEN' };
      return { ok: true, rows: cached.rows, offset, resultId: resultId! };
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
