/** Structural comparison of a live response with a recorded fixture: field names, JSON types, nesting. */

export interface ShapeOptions {
  /** Keys the live response may carry beyond the fixture's (fixtures often omit optional fields). */
  extraKeys?: readonly string[];
}

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Every difference found, as "$.path: what"; an empty list means the shapes agree. */
export function shapeDifferences(actual: unknown, fixture: unknown, options: ShapeOptions = {}, path = '$'): string[] {
  const expected = jsonType(fixture);
  const got = jsonType(actual);
  if (expected !== got) return [`${path}: expected ${expected}, got ${got}`];
  if (Array.isArray(fixture) && Array.isArray(actual)) {
    if (fixture.length === 0) return [];
    if (actual.length === 0) return [`${path}: expected items like the fixture's, got an empty array`];
    return actual.flatMap((item, i) => shapeDifferences(item, fixture[0], options, `${path}[${i}]`));
  }
  if (expected === 'object') {
    const a = actual as Record<string, unknown>;
    const f = fixture as Record<string, unknown>;
    const diffs: string[] = [];
    for (const key of Object.keys(f)) {
      if (!(key in a)) diffs.push(`${path}.${key}: missing`);
      else diffs.push(...shapeDifferences(a[key], f[key], options, `${path}.${key}`));
    }
    for (const key of Object.keys(a)) {
      if (!(key in f) && !options.extraKeys?.includes(key)) diffs.push(`${path}.${key}: not in the fixture`);
    }
    return diffs;
  }
  return [];
}
