/** Checks shared by the /rest handlers: allowed params, scopes, account access, search records, projections. */
import type { Context } from 'hono';
import type { FakeContext } from '../context';
import type { FakeAccount } from '../world/types';
import type { LinkedInEnv } from './app-env';
import { apiErrors } from './errors';
import { parseRestliValue, type RestliValue } from './restli';
import { readFieldList } from './restli-params';

export type Ctx = Context<LinkedInEnv>;

/** Every parameter must be one this endpoint knows; `fields` (projection) is always allowed. */
export function allowOnly(c: Ctx, allowed: readonly string[]): Map<string, string> {
  const params = c.get('params');
  for (const key of params.keys()) if (key !== 'fields' && !allowed.includes(key)) throw apiErrors.paramNotAllowed(key);
  return params;
}

export function requireFinder(c: Ctx, finder: string, allowedFinders: readonly string[]): void {
  const q = c.get('params').get('q');
  if (q === undefined || !allowedFinders.includes(q)) throw apiErrors.methodNotResolved();
  const method = c.req.header('x-restli-method');
  if (method !== undefined && method.toUpperCase() !== 'FINDER') {
    throw apiErrors.headerNotAllowed('X-RestLi-Method', `must be FINDER for q=${finder}, got '${method}'`);
  }
}

export function requireGet(c: Ctx): void {
  if (c.get('params').has('q')) throw apiErrors.methodNotResolved();
  const method = c.req.header('x-restli-method');
  if (method !== undefined && method.toUpperCase() !== 'GET') {
    throw apiErrors.headerNotAllowed('X-RestLi-Method', `must be GET for this request, got '${method}'`);
  }
}

export function requireScope(c: Ctx, anyOf: readonly string[], what: string): void {
  if (!c.get('scopes').some((scope) => anyOf.includes(scope))) throw apiErrors.accessDenied(what);
}

/** The account if the token's member may read it: 404 when it does not exist, 403 when it is someone else's. */
export function accessibleAccount(ctx: FakeContext, c: Ctx, id: string): FakeAccount {
  const account = /^\d+$/.test(id) ? ctx.world.account('linkedin', id) : undefined;
  if (!account) throw apiErrors.notFound(`AdAccount urn:li:sponsoredAccount:${id} does not exist`);
  if (!c.get('member').accountIds.includes(id)) throw apiErrors.accessDenied(`urn:li:sponsoredAccount:${id}`);
  c.set('accountId', id);
  return account;
}

export interface SearchCriteria {
  values: Map<string, string[]>;
  test?: boolean;
}

/** `search=(status:(values:List(ACTIVE)),name:(values:List(x)),test:false)` restricted to known keys. */
export function readSearch(raw: string | undefined, allowedKeys: readonly string[]): SearchCriteria {
  const criteria: SearchCriteria = { values: new Map() };
  if (raw === undefined) return criteria;
  const value = parseRestliValue(raw, 'search');
  if (typeof value !== 'object' || Array.isArray(value))
    throw apiErrors.invalidParam('search', "Parameter 'search' must be a record (...)");
  for (const [key, field] of Object.entries(value)) {
    if (key === 'test' && allowedKeys.includes('test')) {
      if (field !== 'true' && field !== 'false') throw apiErrors.invalidParam('search', 'search.test must be true or false');
      criteria.test = field === 'true';
      continue;
    }
    if (!allowedKeys.includes(key))
      throw apiErrors.invalidParam('search', `Unknown search field '${key}'; allowed: ${allowedKeys.join(', ')}`);
    criteria.values.set(key, readValues(key, field));
  }
  return criteria;
}

function readValues(key: string, field: RestliValue): string[] {
  if (typeof field === 'object' && !Array.isArray(field) && Object.keys(field).join() === 'values' && Array.isArray(field.values)) {
    const list = field.values;
    if (list.every((item): item is string => typeof item === 'string')) return list;
  }
  throw apiErrors.invalidParam('search', `search.${key} must be (values:List(...))`);
}

export function readEnumList(param: string, values: readonly string[], allowed: readonly string[]): string[] {
  for (const value of values) {
    if (!allowed.includes(value)) throw apiErrors.invalidParam(param, `'${value}' is not one of ${allowed.join(', ')}`);
  }
  return [...values];
}

/** Rest.li projection: `fields=id,name` keeps only those top-level fields. */
export function project<T extends Record<string, unknown>>(c: Ctx, entity: T): Partial<T> {
  const raw = c.get('params').get('fields');
  if (raw === undefined) return entity;
  const keep = new Set(readFieldList(raw));
  return Object.fromEntries(Object.entries(entity).filter(([key]) => keep.has(key))) as Partial<T>;
}

/** The query string without paging parameters, to bind page tokens to their query. */
export function queryFingerprint(c: Ctx): string {
  return (
    [...c.get('params').entries()]
      .filter(([key]) => key !== 'pageToken' && key !== 'pageSize')
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => `${key}=${value}`)
      .join('&') + c.req.path
  );
}

export const byNumericId = (a: { id: string }, b: { id: string }) =>
  BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0;
