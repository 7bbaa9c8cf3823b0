/** The parsed form of a Google Ads Query Language (GAQL) statement. */

export type GaqlOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'IN'
  | 'NOT IN'
  | 'LIKE'
  | 'NOT LIKE'
  | 'CONTAINS ANY'
  | 'CONTAINS ALL'
  | 'CONTAINS NONE'
  | 'IS NULL'
  | 'IS NOT NULL'
  | 'DURING'
  | 'BETWEEN'
  | 'REGEXP_MATCH'
  | 'NOT REGEXP_MATCH';

/** A single value on the right of an operator: quoted string, number, or bare literal (enum constant, DURING function, true/false). */
export type GaqlScalar =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'literal'; value: string };

export type GaqlValue = GaqlScalar | { kind: 'list'; values: GaqlScalar[] } | { kind: 'range'; from: GaqlScalar; to: GaqlScalar };

export interface GaqlCondition {
  field: string;
  operator: GaqlOperator;
  /** Absent for IS NULL / IS NOT NULL. */
  value?: GaqlValue;
  /** Character offset of the condition's field in the query. */
  position: number;
}

export interface GaqlOrdering {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface GaqlQuery {
  select: { field: string; position: number }[];
  from: { resource: string; position: number };
  where: GaqlCondition[];
  orderBy: GaqlOrdering[];
  limit?: number;
  parameters: Record<string, string>;
}

/** A query Google would reject: the QueryError enum name, a message and the character offset it points at. */
export class GaqlQueryError extends Error {
  constructor(
    readonly queryError: string,
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'GaqlQueryError';
  }
}
