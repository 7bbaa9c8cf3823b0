/** Typed readers over parsed Rest.li values: enums, lists, URNs, dates and `fields` projections. */
import { parseRestliValue, RestliSyntaxError, type RestliValue } from './restli';

export interface RestliDate {
  year: number;
  month: number;
  day: number;
}

export interface DateRangeParam {
  /** 'YYYY-MM-DD' */
  start: string;
  /** 'YYYY-MM-DD'; absent means "up to today". */
  end?: string;
}

function invalid(param: string, why: string): never {
  throw new RestliSyntaxError(`Parameter '${param}' is invalid: ${why}`, param);
}

function looksPercentEncoded(value: RestliValue): boolean {
  return typeof value === 'string' && /^(List)?\(/.test(value);
}

/** Accepts both the bare form `CAMPAIGN` and the record form `(value:CAMPAIGN)`. */
export function readEnum<T extends string>(param: string, raw: string, allowed: readonly T[]): T {
  const value = parseRestliValue(raw, param);
  let text: RestliValue | undefined = value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== 'value') invalid(param, 'expected CONSTANT or (value:CONSTANT)');
    text = value.value;
  }
  if (looksPercentEncoded(value)) invalid(param, 'Rest.li syntax characters ( ) , : must not be percent-encoded');
  if (typeof text !== 'string') invalid(param, 'expected CONSTANT or (value:CONSTANT)');
  if (!(allowed as readonly string[]).includes(text)) {
    invalid(param, `'${text}' is not one of ${allowed.join(', ')}`);
  }
  return text as T;
}

/** A `List(...)` of plain strings. */
export function readStringList(param: string, raw: string): string[] {
  const value = parseRestliValue(raw, param);
  if (looksPercentEncoded(value)) invalid(param, 'Rest.li syntax characters ( ) , : must not be percent-encoded');
  if (!Array.isArray(value)) invalid(param, 'expected List(...)');
  return value.map((item) => {
    if (typeof item !== 'string') invalid(param, 'expected a List of plain values');
    return item;
  });
}

/** A `List(...)` of URNs of one type, returning the ids: `urn:li:sponsoredCampaign:42` → "42". */
export function readUrnList(param: string, raw: string, urnType: string): string[] {
  const prefix = `urn:li:${urnType}:`;
  return readStringList(param, raw).map((urn) => {
    const id = urn.startsWith(prefix) ? urn.slice(prefix.length) : '';
    if (!/^\d+$/.test(id)) invalid(param, `'${urn}' is not a ${prefix}<id> URN`);
    return id;
  });
}

function readDate(param: string, value: RestliValue | undefined, which: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(param, `${which} must be (year:YYYY,month:M,day:D)`);
  }
  const keys = Object.keys(value).sort().join(',');
  if (keys !== 'day,month,year') invalid(param, `${which} must have exactly year, month and day`);
  const [year, month, day] = [value.year, value.month, value.day].map((part) =>
    typeof part === 'string' && /^\d{1,4}$/.test(part) ? Number(part) : NaN,
  ) as [number, number, number];
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) {
    invalid(param, `${which} is not a calendar date`);
  }
  return date;
}

/** `(start:(year:2024,month:1,day:1),end:(year:2024,month:1,day:31))`; `end` is optional. */
export function readDateRange(param: string, raw: string): DateRangeParam {
  const value = parseRestliValue(raw, param);
  if (looksPercentEncoded(value)) invalid(param, 'Rest.li syntax characters ( ) , : must not be percent-encoded');
  if (typeof value !== 'object' || Array.isArray(value)) invalid(param, 'expected (start:(...),end:(...))');
  for (const key of Object.keys(value)) if (key !== 'start' && key !== 'end') invalid(param, `unknown field '${key}'`);
  if (!('start' in value)) invalid(param, 'start is required');
  const start = readDate(param, value.start, 'start');
  if (!('end' in value)) return { start };
  const end = readDate(param, value.end, 'end');
  if (end < start) invalid(param, 'end is before start');
  return { start, end };
}

/** `fields=a,b,c` is a projection, not a Rest.li value: a plain comma list of field names. */
export function readFieldList(raw: string): string[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    invalid('fields', 'malformed percent-escape');
  }
  const names = decoded.split(',');
  for (const name of names) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) invalid('fields', `'${name}' is not a field name`);
  return names;
}

export function toRestliDate(date: string): RestliDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
