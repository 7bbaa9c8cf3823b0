import { describe, expect, it } from 'vitest';
import {
  cellCsvText,
  cellText,
  columnHeader,
  compareRows,
  isProvisionalRow,
  plainDecimal,
  type TableColumn,
  withProvisionalColumn,
} from './table-columns';

interface Row {
  date: string;
  name: string;
  currency: string;
  spendMicros: number | null;
  clicks: number;
  ctr: number | null;
}

const spend: TableColumn<Row> = { key: 'spendMicros', label: 'Spend', kind: 'money', currency: (r) => r.currency };
const row: Row = { date: '2026-11-03', name: 'Brand', currency: 'USD', spendMicros: 1_234_500_000, clicks: 12_345, ctr: 0.0235 };

describe('table cells', () => {
  it('shows money in the row’s own currency and writes it to CSV in minor units without grouping', () => {
    expect(cellText(spend, row)).toBe('$1,234.50');
    expect(cellCsvText(spend, row)).toBe('1234.50');
    const yen = { ...row, currency: 'JPY' };
    expect(cellText(spend, yen)).toBe('¥1,235');
    expect(cellCsvText(spend, yen)).toBe('1235');
  });

  it('uses a fixed currency for every row when the column names one, and says it in the header', () => {
    const eur: TableColumn<Row> = { key: 'spendMicros', label: 'Spend', kind: 'money', currency: 'EUR' };
    expect(cellText(eur, row)).toBe('€1,234.50');
    expect(columnHeader(eur)).toBe('Spend (EUR)');
    expect(columnHeader(spend)).toBe('Spend');
  });

  it('writes counts without thousands separators and ratios as plain decimals', () => {
    const clicks: TableColumn<Row> = { key: 'clicks', label: 'Clicks', kind: 'count' };
    const ctr: TableColumn<Row> = { key: 'ctr', label: 'CTR', kind: 'ratio' };
    expect(cellText(clicks, row)).toBe('12,345');
    expect(cellCsvText(clicks, row)).toBe('12345');
    expect(cellText(ctr, row)).toBe('2.35%');
    expect(cellCsvText(ctr, row)).toBe('0.0235');
  });

  it('shows ISO dates as a short label in the table and as YYYY-MM-DD in the CSV', () => {
    const date: TableColumn<Row> = { key: 'date', label: 'Date', kind: 'date' };
    expect(cellText(date, row)).toBe('Nov 3');
    expect(cellCsvText(date, row)).toBe('2026-11-03');
  });

  it('shows a value that cannot be computed as a dash and leaves it empty in the CSV', () => {
    const missing = { ...row, spendMicros: null };
    expect(cellText(spend, missing)).toBe('—');
    expect(cellCsvText(spend, missing)).toBe('');
  });

  it('reads a derived value through the column’s accessor', () => {
    const cpc: TableColumn<Row> = {
      key: 'cpc',
      label: 'CPC',
      kind: 'money',
      currency: 'USD',
      value: (r) => (r.spendMicros ?? 0) / r.clicks,
    };
    expect(cellCsvText(cpc, row)).toBe('0.10');
  });

  it('never writes a number in exponent notation', () => {
    expect(plainDecimal(1e-7)).toBe('0');
    expect(plainDecimal(0.000123)).toBe('0.000123');
    expect(plainDecimal(5.5)).toBe('5.5');
    expect(plainDecimal(1e15)).toBe('1000000000000000');
  });
});

describe('sorting rows by a column', () => {
  const rows: Row[] = [
    { ...row, name: 'b', spendMicros: 2 },
    { ...row, name: 'a', spendMicros: null },
    { ...row, name: 'c', spendMicros: 10 },
  ];

  it('orders numbers numerically and keeps missing values last in both directions', () => {
    expect([...rows].sort(compareRows(spend, 'ascending')).map((r) => r.name)).toEqual(['b', 'c', 'a']);
    expect([...rows].sort(compareRows(spend, 'descending')).map((r) => r.name)).toEqual(['c', 'b', 'a']);
  });

  it('orders text alphabetically', () => {
    const name: TableColumn<Row> = { key: 'name', label: 'Name', kind: 'text' };
    expect([...rows].sort(compareRows(name, 'descending')).map((r) => r.name)).toEqual(['c', 'b', 'a']);
  });
});

describe('provisional rows', () => {
  const columns: TableColumn<Row>[] = [{ key: 'date', label: 'Date', kind: 'date' }, spend];

  it('marks rows dated on or after the first provisional date', () => {
    expect(isProvisionalRow(columns, { ...row, date: '2026-11-02' }, '2026-11-03')).toBe(false);
    expect(isProvisionalRow(columns, row, '2026-11-03')).toBe(true);
    expect(isProvisionalRow(columns, row, undefined)).toBe(false);
  });

  it('adds a Provisional column only when some dates are provisional', () => {
    expect(withProvisionalColumn(columns, undefined)).toBe(columns);
    const marked = withProvisionalColumn(columns, '2026-11-03');
    expect(marked.map((c) => c.label)).toEqual(['Date', 'Spend', 'Provisional']);
    expect(cellText(marked[2]!, row)).toBe('provisional');
    expect(cellText(marked[2]!, { ...row, date: '2026-11-01' })).toBe('');
  });
});
