/**
 * Structural comparison against recorded payloads: every key of the fixture must exist in the actual
 * value with the same JSON type, recursively. Extra keys in the actual value are allowed unless `strict`.
 * Arrays: each actual element is compared with the fixture element at the same index, or with the
 * fixture's last element once past its end (so one fixture row describes every data row).
 */
export interface ShapeOptions {
  strict?: boolean;
  /** Fixture keys the fake deliberately does not serve (documented in README), e.g. "$.data[].product_id". */
  ignore?: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

export function shapeDifferences(actual: unknown, fixture: Json, options: ShapeOptions = {}, path = '$'): string[] {
  const ignored = new Set(options.ignore ?? []);
  if (kind(actual) !== kind(fixture)) return [`${path}: expected ${kind(fixture)}, got ${kind(actual)}`];
  if (Array.isArray(fixture)) {
    const items = actual as unknown[];
    if (fixture.length > 0 && items.length === 0) return [`${path}: expected a non-empty array`];
    return items.flatMap((item, i) => shapeDifferences(item, fixture[Math.min(i, fixture.length - 1)]!, options, `${path}[]`));
  }
  if (fixture !== null && typeof fixture === 'object') {
    const object = actual as Record<string, unknown>;
    const problems: string[] = [];
    for (const [key, value] of Object.entries(fixture)) {
      const keyPath = `${path}.${key}`;
      if (ignored.has(keyPath)) continue;
      if (!(key in object)) problems.push(`${keyPath}: missing`);
      else problems.push(...shapeDifferences(object[key], value, options, keyPath));
    }
    if (options.strict) for (const key of Object.keys(object)) if (!(key in fixture)) problems.push(`${path}.${key}: not in fixture`);
    return problems;
  }
  return [];
}
