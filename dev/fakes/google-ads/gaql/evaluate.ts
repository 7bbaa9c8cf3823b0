import { type DuringFunction, resolveDuring } from './date-functions';
import type { FieldSpec } from './fields';
import type { GaqlCondition, GaqlScalar } from './types';

/** One result row before rendering: GAQL field name → raw value (int64 ids may stay strings; numbers compare numerically). */
export type FlatRow = Map<string, string | number | boolean>;
type Raw = string | number | boolean;

const NUMERIC = new Set(['int64', 'int32', 'double']);

/** Whether a row satisfies one WHERE condition; `today` is the account-local date DURING ranges are resolved against. */
export function matchesCondition(row: FlatRow, condition: GaqlCondition & { spec: FieldSpec }, today: string): boolean {
  const { spec, operator, value } = condition;
  const actual = row.get(spec.name);
  if (operator === 'IS NULL') return actual === undefined;
  if (operator === 'IS NOT NULL') return actual !== undefined;
  if (actual === undefined || !value) return false;
  const cmp = (scalar: GaqlScalar) => compareRaw(actual, toRaw(scalar, spec), spec);
  switch (operator) {
    case '=':
      return value.kind !== 'list' && value.kind !== 'range' && cmp(value) === 0;
    case '!=':
      return value.kind !== 'list' && value.kind !== 'range' && cmp(value) !== 0;
    case '>':
    case '>=':
    case '<':
    case '<=': {
      if (value.kind === 'list' || value.kind === 'range') return false;
      const c = cmp(value);
      return operator === '>' ? c > 0 : operator === '>=' ? c >= 0 : operator === '<' ? c < 0 : c <= 0;
    }
    case 'IN':
      return value.kind === 'list' && value.values.some((v) => cmp(v) === 0);
    case 'NOT IN':
      return value.kind === 'list' && !value.values.some((v) => cmp(v) === 0);
    case 'BETWEEN':
      return value.kind === 'range' && cmp(value.from) >= 0 && cmp(value.to) <= 0;
    case 'DURING': {
      if (value.kind !== 'literal') return false;
      const range = resolveDuring(value.value as DuringFunction, today);
      return String(actual) >= range.since && String(actual) <= range.until;
    }
    case 'LIKE':
    case 'NOT LIKE': {
      if (value.kind !== 'string') return false;
      const hit = likeToRegExp(value.value).test(String(actual));
      return operator === 'LIKE' ? hit : !hit;
    }
    case 'REGEXP_MATCH':
    case 'NOT REGEXP_MATCH': {
      if (value.kind !== 'string') return false;
      const hit = new RegExp(`^(?:${value.value})$`).test(String(actual));
      return operator === 'REGEXP_MATCH' ? hit : !hit;
    }
    default:
      return false;
  }
}

/** Orders two raw values of the same field: numerically for numeric types, lexically otherwise (dates sort lexically). */
export function compareRaw(a: Raw, b: Raw, spec: FieldSpec): number {
  if (NUMERIC.has(spec.type)) return Math.sign(Number(a) - Number(b));
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function toRaw(scalar: GaqlScalar, spec: FieldSpec): Raw {
  if (spec.type === 'bool') return String(scalar.value).toLowerCase() === 'true';
  if (NUMERIC.has(spec.type)) return Number(scalar.value);
  return String(scalar.value);
}

/** GAQL LIKE: `%` any run, `_` one character, `[x]` a literal x (how `%`, `_` and `[` are escaped). */
export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '[' && pattern[i + 2] === ']') {
      source += escapeRegExp(pattern[i + 1]!);
      i += 2;
    } else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Sorts rows by ORDER BY terms (stable, so rows keep their natural order on ties). */
export function sortRows(rows: FlatRow[], orderBy: { spec: FieldSpec; direction: 'ASC' | 'DESC' }[]): FlatRow[] {
  if (orderBy.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const { spec, direction } of orderBy) {
      const x = a.get(spec.name);
      const y = b.get(spec.name);
      if (x === y) continue;
      // Missing values sort first in ascending order.
      const c = x === undefined ? -1 : y === undefined ? 1 : compareRaw(x, y, spec);
      if (c !== 0) return direction === 'ASC' ? c : -c;
    }
    return 0;
  });
}
