import { currencyMinorUnits, microsToDecimal, roundMicrosToMinorUnit } from '$worker/lib/money';
import { formatCount, formatDay, formatDecimalCount, formatMoney, formatPercent, NOT_AVAILABLE } from './format';

/**
 * How a column's values are stored and shown. The value of a row is read with `column.value(row)`
 * or, without it, `row[column.key]`:
 * - date: an ISO calendar date 'YYYY-MM-DD'
 * - money: integer micros in the column's currency (fixed, or read from each row)
 * - count: a whole count; decimal: a count that may be fractional (Google conversions)
 * - ratio: a plain ratio (0.0235, shown as 2.35%)
 * - text: anything else, shown as it is
 * null or undefined is a value that cannot be computed (shown as —, empty in CSV).
 */
export type ColumnKind = 'date' | 'money' | 'count' | 'decimal' | 'ratio' | 'text';

/** One column of a data table and of its CSV: the table view and the file both read it, so they cannot disagree. */
export interface TableColumn<Row> {
  /** Identifies the column (sort state, DOM data attributes); also the row field read when `value` is absent. */
  key: string;
  label: string;
  kind: ColumnKind;
  value?: (row: Row) => unknown;
  /** Money only: one ISO currency for every row, or how to read each row's own currency. */
  currency?: string | ((row: Row) => string);
}

export type CellValue = string | number | null;

/** The raw value of a cell (micros for money, ISO date strings, numbers), null when missing. */
export function cellValue<Row>(column: TableColumn<Row>, row: Row): CellValue {
  const raw = column.value ? column.value(row) : (row as Record<string, unknown>)[column.key];
  if (raw === null || raw === undefined) return null;
  if (column.kind === 'text') return String(raw);
  if (column.kind === 'date') return raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
  const n = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** The currency of a money cell; undefined for other kinds. */
export function cellCurrency<Row>(column: TableColumn<Row>, row: Row): string | undefined {
  if (column.kind !== 'money') return undefined;
  if (typeof column.currency === 'function') return column.currency(row);
  if (column.currency) return column.currency;
  throw new Error(`money column ${column.key} has no currency`);
}

/** A cell as the table shows it ("$1,234.50", "2.35%", "Nov 3"). */
export function cellText<Row>(column: TableColumn<Row>, row: Row): string {
  const value = cellValue(column, row);
  if (value === null) return NOT_AVAILABLE;
  switch (column.kind) {
    case 'text':
      return String(value);
    case 'date':
      return formatDay(String(value));
    case 'money':
      return formatMoney(Number(value), cellCurrency(column, row)!);
    case 'count':
      return formatCount(Number(value));
    case 'decimal':
      return formatDecimalCount(Number(value));
    case 'ratio':
      return formatPercent(Number(value));
  }
}

/**
 * A cell as the CSV holds it: no grouping separators, ISO dates, money as a decimal in the currency's
 * minor units (USD "1234.50", JPY "1235"), ratios and counts as plain decimals ("0.0235"); empty when missing.
 */
export function cellCsvText<Row>(column: TableColumn<Row>, row: Row): string {
  const value = cellValue(column, row);
  if (value === null) return '';
  if (column.kind === 'text' || column.kind === 'date') return String(value);
  if (column.kind === 'money') {
    const currency = cellCurrency(column, row)!;
    return microsToDecimal(roundMicrosToMinorUnit(Math.round(Number(value)), currency), currencyMinorUnits(currency));
  }
  return plainDecimal(Number(value));
}

/** A number as a plain decimal with at most six fraction digits and never in exponent notation. */
export function plainDecimal(value: number): string {
  const text = value.toFixed(6).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** The label of a column in a header, with the currency of a fixed-currency money column ("Spend (USD)"). */
export function columnHeader<Row>(column: TableColumn<Row>): string {
  return column.kind === 'money' && typeof column.currency === 'string' ? `${column.label} (${column.currency})` : column.label;
}

/** Orders two rows by a column: missing values last in either direction, text by locale, the rest numerically or by ISO date. */
export function compareRows<Row>(column: TableColumn<Row>, direction: 'ascending' | 'descending') {
  const sign = direction === 'ascending' ? 1 : -1;
  return (a: Row, b: Row): number => {
    const x = cellValue(column, a);
    const y = cellValue(column, b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  };
}

/** Whether a row's date (its first date column) lies on or after the first provisional date. */
export function isProvisionalRow<Row>(columns: TableColumn<Row>[], row: Row, provisionalFrom: string | undefined): boolean {
  if (!provisionalFrom) return false;
  const dateColumn = columns.find((c) => c.kind === 'date');
  const date = dateColumn ? cellValue(dateColumn, row) : null;
  return typeof date === 'string' && date >= provisionalFrom;
}

/**
 * The columns with a "Provisional" text column added when some dates may still be restated,
 * so the table view and the CSV both mark those rows.
 */
export function withProvisionalColumn<Row>(columns: TableColumn<Row>[], provisionalFrom: string | undefined): TableColumn<Row>[] {
  if (!provisionalFrom) return columns;
  const mark: TableColumn<Row> = {
    key: 'provisional',
    label: 'Provisional',
    kind: 'text',
    value: (row) => (isProvisionalRow(columns, row, provisionalFrom) ? 'provisional' : ''),
  };
  return [...columns, mark];
}
