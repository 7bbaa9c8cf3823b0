import { expect } from 'vitest';

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Asserts that `actual` has every field of `fixture` with the same JSON type, recursively (array elements are
 * compared with the fixture's first element). Extra fields in `actual` are allowed; `opaque` paths (`$.results[*]`)
 * are only type-checked, for fixture contents the fake does not model (e.g. keyword criteria rows).
 */
export function expectSameShape(actual: unknown, fixture: unknown, opaque: string[] = [], path = '$'): void {
  expect(kind(actual), `type at ${path}`).toBe(kind(fixture));
  if (opaque.includes(path.replace(/\[\d+\]/g, '[*]'))) return;
  if (Array.isArray(fixture) && Array.isArray(actual)) {
    if (fixture.length === 0) return;
    expect(actual.length, `${path} should not be empty`).toBeGreaterThan(0);
    for (const [i, item] of actual.entries()) expectSameShape(item, fixture[0], opaque, `${path}[${i}]`);
    return;
  }
  if (kind(fixture) === 'object') {
    const a = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(fixture as Record<string, unknown>)) {
      expect(Object.keys(a), `missing ${path}.${key}`).toContain(key);
      expectSameShape(a[key], value, opaque, `${path}.${key}`);
    }
  }
}
