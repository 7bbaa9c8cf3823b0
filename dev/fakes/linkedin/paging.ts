/** Cursor paging of the search/criteria finders: `metadata.nextPageToken`, absent on the last page. */
import { createHash } from 'node:crypto';
import { apiErrors } from './errors';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Binds a token to the query it came from, so a token replayed with other filters is rejected. */
function fingerprint(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 10);
}

export function readPageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > MAX_PAGE_SIZE) {
    throw apiErrors.invalidParam('pageSize', `Parameter 'pageSize' must be an integer between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** One page of `items` plus the token for the next one; `query` is the request without pageToken/pageSize. */
export function paginate<T>(items: readonly T[], query: string, rawPageSize: string | undefined, rawToken: string | undefined) {
  const pageSize = readPageSize(rawPageSize);
  let offset = 0;
  if (rawToken !== undefined) {
    const decoded = Buffer.from(decodeURIComponent(rawToken), 'base64url').toString('utf8');
    const match = /^(\d+):(.+)$/.exec(decoded);
    if (!match || match[2] !== fingerprint(query)) {
      throw apiErrors.invalidParam('pageToken', `Parameter 'pageToken' is invalid or does not belong to this query`);
    }
    offset = Number(match[1]);
  }
  const elements = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  const metadata = next < items.length ? { nextPageToken: Buffer.from(`${next}:${fingerprint(query)}`).toString('base64url') } : {};
  return { elements, metadata };
}
