import { cellCsvText, columnHeader, type TableColumn } from './table-columns';

const CRLF = '\r\n';

/** One field quoted as RFC 4180 asks: in double quotes (inner quotes doubled) when it holds a comma, quote, CR or LF. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of already-formatted fields as RFC 4180 text: CRLF after every record, the last one included. */
export function csvText(records: string[][]): string {
  return records.map((fields) => fields.map(csvField).join(',') + CRLF).join('');
}

/** The header row and the body rows of a table's CSV, in the same column order as the table view. */
export function csvRecords<Row>(columns: TableColumn<Row>[], rows: Row[]): string[][] {
  const header = columns.flatMap((c) => (perRowCurrency(c) ? [c.label, `${c.label} currency`] : [columnHeader(c)]));
  const body = rows.map((row) =>
    columns.flatMap((c) => {
      const text = cellCsvText(c, row);
      if (!perRowCurrency(c)) return [text];
      return [text, text === '' ? '' : (c.currency as (row: Row) => string)(row)];
    }),
  );
  return [header, ...body];
}

/** The CSV of a table: what its rows show, with a header row; a money column whose currency varies by row gets a currency column beside it. */
export function toCsv<Row>(columns: TableColumn<Row>[], rows: Row[]): string {
  return csvText(csvRecords(columns, rows));
}

function perRowCurrency<Row>(column: TableColumn<Row>): boolean {
  return column.kind === 'money' && typeof column.currency === 'function';
}

/** A part of a file name: a word, a date range (`from_to`), several values of one filter (`a+b`), or nothing. */
export type FileNamePart = string | { from: string; to: string } | readonly string[] | null | undefined | false;

const MAX_FILE_NAME = 120;

/**
 * A download's file name that carries the view's filters and is safe on every file system:
 * csvFileName(['Northwind', 'campaigns', { from: '2026-11-01', to: '2026-11-28' }, 'meta'])
 * is "northwind-campaigns-2026-11-01_2026-11-28-meta.csv".
 */
export function csvFileName(parts: readonly FileNamePart[]): string {
  const words = parts.flatMap((part) => {
    if (!part) return [];
    if (typeof part === 'string') return [safeWord(part)];
    if ('from' in part && !Array.isArray(part)) return [`${safeWord(part.from)}_${safeWord(part.to)}`];
    return [[...(part as readonly string[])].map(safeWord).filter(Boolean).join('+')];
  });
  const stem = words
    .filter(Boolean)
    .join('-')
    .slice(0, MAX_FILE_NAME)
    .replace(/[-_+]+$/, '');
  return `${stem || 'export'}.csv`;
}

function safeWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
