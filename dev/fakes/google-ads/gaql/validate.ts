import { isDuringFunction } from './date-functions';
import { ATTRIBUTED_RESOURCES, FIELDS, type FieldSpec, type FromResource, isFromResource, REPORTING_RESOURCES } from './fields';
import { type GaqlCondition, type GaqlQuery, GaqlQueryError, type GaqlScalar, type GaqlValue } from './types';

export interface ResolvedQuery {
  from: FromResource;
  select: FieldSpec[];
  where: (GaqlCondition & { spec: FieldSpec })[];
  orderBy: { spec: FieldSpec; direction: 'ASC' | 'DESC' }[];
  limit?: number;
  omitUnselectedResourceNames: boolean;
  selectsMetrics: boolean;
  /** Segments present in SELECT, which split metric rows (date, hour). */
  segments: FieldSpec[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PARAMETERS = new Set(['include_drafts', 'omit_unselected_resource_names']);

/** Checks a parsed query against the field catalog the way GoogleAdsService does, and returns it with field specs attached. */
export function validateGaql(query: GaqlQuery): ResolvedQuery {
  const from = query.from.resource;
  if (!isFromResource(from)) {
    throw new GaqlQueryError(
      'PROHIBITED_RESOURCE_TYPE_IN_FROM_CLAUSE',
      `Error in query: the resource '${from}' cannot be used in the FROM clause.`,
      query.from.position,
    );
  }
  const resolved = query.select.map(({ field, position }) => resolveField(field, position, from, 'SELECT'));
  const select = [...new Map(resolved.map((spec) => [spec.name, spec])).values()];
  const where = query.where.map((condition) => {
    const spec = resolveField(condition.field, condition.position, from, 'WHERE');
    checkCondition(condition, spec);
    return { ...condition, spec };
  });
  const orderBy = query.orderBy.map(({ field, direction }) => ({ spec: resolveField(field, 0, from, 'ORDER BY'), direction }));
  if (select.some((s) => s.name === 'segments.date') && !bindsDateRange(where)) {
    throw new GaqlQueryError(
      'EXPECTED_FILTERS_ON_DATE_RANGE',
      'Error in query: a finite date range must be specified in the WHERE clause when segments.date is selected.',
      query.select.find((s) => s.field === 'segments.date')!.position,
    );
  }
  for (const [name, value] of Object.entries(query.parameters)) {
    if (!PARAMETERS.has(name)) throw new GaqlQueryError('BAD_PARAMETER_NAME', `Error in query: unknown parameter '${name}'.`, 0);
    if (value !== 'true' && value !== 'false') {
      throw new GaqlQueryError('BAD_PARAMETER_VALUE', `Error in query: parameter '${name}' must be true or false.`, 0);
    }
  }
  return {
    from,
    select,
    where,
    orderBy,
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
    omitUnselectedResourceNames: query.parameters.omit_unselected_resource_names === 'true',
    selectsMetrics: select.some((s) => s.category === 'metric'),
    segments: select.filter((s) => s.category === 'segment'),
  };
}

function resolveField(field: string, position: number, from: FromResource, clause: string): FieldSpec {
  const spec = FIELDS.get(field);
  if (!spec) throw new GaqlQueryError('UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${field}'.`, position);
  if (spec.category === 'attribute' && !ATTRIBUTED_RESOURCES[from].includes(spec.resource)) {
    const code = clause === 'WHERE' ? 'PROHIBITED_RESOURCE_TYPE_IN_WHERE_CLAUSE' : 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE';
    throw new GaqlQueryError(
      code,
      `Error in ${clause} clause: '${field}' cannot be used with the resource in the FROM clause: ${from}.`,
      position,
    );
  }
  if (spec.category !== 'attribute' && !REPORTING_RESOURCES.has(from)) {
    const code =
      spec.category === 'metric' ? 'PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE' : 'PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE';
    throw new GaqlQueryError(
      code,
      `Error in ${clause} clause: '${field}' cannot be used with the resource in the FROM clause: ${from}.`,
      position,
    );
  }
  return spec;
}

function checkCondition(condition: GaqlCondition, spec: FieldSpec): void {
  const { operator, value, position } = condition;
  if (operator === 'DURING') {
    if (spec.type !== 'date') throw mismatch(condition);
    if (value?.kind !== 'literal' || !isDuringFunction(value.value)) {
      throw new GaqlQueryError(
        'INVALID_VALUE_WITH_DURING_OPERATOR',
        `Error in query: invalid value for DURING on '${spec.name}'.`,
        position,
      );
    }
    return;
  }
  if (operator.startsWith('CONTAINS')) throw mismatch(condition);
  if (
    operator === 'BETWEEN' &&
    value?.kind === 'range' &&
    spec.type === 'date' &&
    value.from.kind === 'string' &&
    value.to.kind === 'string'
  ) {
    if (value.from.value > value.to.value) {
      throw new GaqlQueryError(
        'INVALID_VALUE_WITH_BETWEEN_OPERATOR',
        'Error in query: the first value of BETWEEN must not be after the second.',
        position,
      );
    }
  }
  for (const scalar of scalarsOf(value)) checkScalar(scalar, spec, condition);
}

function checkScalar(scalar: GaqlScalar, spec: FieldSpec, condition: GaqlCondition): void {
  const { position, operator } = condition;
  const isPattern = operator === 'LIKE' || operator === 'NOT LIKE' || operator.endsWith('REGEXP_MATCH');
  if (isPattern && (scalar.kind !== 'string' || (spec.type !== 'string' && spec.type !== 'resource_name'))) throw mismatch(condition);
  switch (spec.type) {
    case 'date':
      if (scalar.kind !== 'string' || !DATE.test(scalar.value) || Number.isNaN(Date.parse(scalar.value))) {
        throw new GaqlQueryError(
          'INVALID_DATE_FORMAT',
          `Error in query: '${String(scalar.value)}' is not a date in the format YYYY-MM-DD.`,
          position,
        );
      }
      return;
    case 'enum':
      if (scalar.kind === 'number' || !spec.enumValues!.includes(scalar.value)) {
        throw new GaqlQueryError(
          'BAD_ENUM_CONSTANT',
          `Error in query: '${String(scalar.value)}' is not a valid value for '${spec.name}'.`,
          position,
        );
      }
      return;
    case 'int64':
    case 'int32':
    case 'double':
      if (scalar.kind === 'number') return;
      if (scalar.kind === 'string' && /^-?\d+(\.\d+)?$/.test(scalar.value)) return;
      throw new GaqlQueryError('BAD_NUMBER', `Error in query: '${scalar.value}' is not a number for '${spec.name}'.`, position);
    case 'bool':
      if (scalar.kind === 'literal' && /^(true|false)$/i.test(scalar.value)) return;
      throw new GaqlQueryError('BAD_VALUE', `Error in query: '${String(scalar.value)}' is not true or false for '${spec.name}'.`, position);
    case 'string':
    case 'resource_name':
      if (scalar.kind === 'string') return;
      throw new GaqlQueryError('INVALID_STRING_VALUE', `Error in query: values for '${spec.name}' must be quoted strings.`, position);
  }
}

function scalarsOf(value: GaqlValue | undefined): GaqlScalar[] {
  if (!value) return [];
  if (value.kind === 'list') {
    return value.values;
  }
  if (value.kind === 'range') return [value.from, value.to];
  return [value];
}

function mismatch(condition: GaqlCondition): GaqlQueryError {
  return new GaqlQueryError(
    'OPERATOR_FIELD_MISMATCH',
    `Error in query: operator ${condition.operator} cannot be used with '${condition.field}'.`,
    condition.position,
  );
}

/** True when segments.date is bounded on both sides (DURING, BETWEEN, =, IN, or a lower plus an upper comparison), which Google requires when segments.date is selected. */
function bindsDateRange(where: (GaqlCondition & { spec: FieldSpec })[]): boolean {
  const onDate = where.filter((c) => c.spec.name === 'segments.date').map((c) => c.operator);
  if (onDate.some((op) => ['DURING', 'BETWEEN', '=', 'IN'].includes(op))) return true;
  return onDate.some((op) => op === '>' || op === '>=') && onDate.some((op) => op === '<' || op === '<=');
}
