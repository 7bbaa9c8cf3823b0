import { metaErrors } from './errors';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 5000;

export interface PageRequest {
  limit: number;
  /** Index of the first item of the page. */
  offset: number;
}

export interface GraphPage<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

/** Cursors are opaque to clients; here they are base64url of the item position, which keeps pages stable for a fixed world instant. */
export function encodeCursor(position: number): string {
  return Buffer.from(`pos:${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^pos:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw metaErrors.invalidParameter(`Invalid cursor: ${cursor}`);
  return Number(match[1]);
}

export function parsePageRequest(params: Map<string, string>, defaultLimit = DEFAULT_PAGE_SIZE): PageRequest {
  const rawLimit = params.get('limit');
  const limit = rawLimit === undefined ? defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw metaErrors.invalidParameter(`Param limit must be an integer between 1 and ${MAX_PAGE_SIZE}`);
  const after = params.get('after');
  const before = params.get('before');
  if (after !== undefined && before !== undefined) throw metaErrors.invalidParameter('Only one of after and before may be set');
  if (after !== undefined) return { limit, offset: decodeCursor(after) + 1 };
  if (before !== undefined) return { limit, offset: Math.max(0, decodeCursor(before) - limit) };
  return { limit, offset: 0 };
}

/**
 * One page in Graph's shape. `linkTo(cursorParam)` builds the absolute URL of a neighbouring page;
 * `next` is present only when more items follow (clients stop when it is absent).
 */
export function pageOf<T>(items: T[], page: PageRequest, linkTo: (cursor: { after?: string; before?: string }) => string): GraphPage<T> {
  const data = items.slice(page.offset, page.offset + page.limit);
  if (data.length === 0) return { data };
  const first = page.offset;
  const last = page.offset + data.length - 1;
  const cursors = { before: encodeCursor(first), after: encodeCursor(last) };
  const paging: NonNullable<GraphPage<T>['paging']> = { cursors };
  if (first > 0) paging.previous = linkTo({ before: cursors.before });
  if (last < items.length - 1) paging.next = linkTo({ after: cursors.after });
  return { data, paging };
}

/** The request URL with its cursor params replaced (other params, access_token included, carried over as Meta does). */
export function cursorLink(baseUrl: string, params: Map<string, string>, cursor: { after?: string; before?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of params) if (key !== 'after' && key !== 'before') query.set(key, value);
  if (cursor.after) query.set('after', cursor.after);
  if (cursor.before) query.set('before', cursor.before);
  return `${baseUrl}?${query.toString()}`;
}
