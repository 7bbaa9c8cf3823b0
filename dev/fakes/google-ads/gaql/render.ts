import type { FlatRow } from './evaluate';
import { FIELDS, type FieldSpec, type FromResource, toJsonPath } from './fields';

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | JsonObject | JsonValue[];

/**
 * Builds the renderer for one query's rows, the way the REST API writes them (proto3 JSON mapping): nested by
 * resource, lowerCamelCase keys, int64 as strings, doubles and int32 as numbers, enums as names. Unless
 * `omitUnselectedResourceNames`, every resource in SELECT or FROM also carries its `resourceName`, as
 * GoogleAdsService does by default.
 */
export function createRowRenderer(
  select: FieldSpec[],
  from: FromResource,
  omitUnselectedResourceNames: boolean,
): (row: FlatRow) => JsonObject {
  const fields = [...select];
  if (!omitUnselectedResourceNames) {
    const resources = new Set([from, ...select.filter((s) => s.category === 'attribute').map((s) => s.resource)]);
    for (const resource of resources) {
      const spec = FIELDS.get(`${resource}.resource_name`);
      if (spec && !fields.includes(spec)) fields.unshift(spec);
    }
  }
  const plan = fields.map((spec) => ({ spec, path: toJsonPath(spec.name).split('.') }));
  return (row) => {
    const out: JsonObject = {};
    for (const { spec, path } of plan) {
      const raw = row.get(spec.name);
      if (raw !== undefined) setPath(out, path, encode(raw, spec));
    }
    return out;
  };
}

/** Renders a single row (see createRowRenderer). */
export function renderRow(row: FlatRow, select: FieldSpec[], from: FromResource, omitUnselectedResourceNames: boolean): JsonObject {
  return createRowRenderer(select, from, omitUnselectedResourceNames)(row);
}

/** The response's `fieldMask`: the selected fields as lowerCamelCase paths, comma-separated. */
export function fieldMaskOf(select: FieldSpec[]): string {
  return select.map((s) => toJsonPath(s.name)).join(',');
}

function encode(raw: string | number | boolean, spec: FieldSpec): JsonValue {
  switch (spec.type) {
    case 'int64':
      return String(typeof raw === 'number' ? Math.round(raw) : raw);
    case 'int32':
    case 'double':
      return Number(raw);
    case 'bool':
      return Boolean(raw);
    default:
      return String(raw);
  }
}

function setPath(target: JsonObject, path: string[], value: JsonValue): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next;
    else node = node[key] = {};
  }
  node[path[path.length - 1]!] = value;
}
