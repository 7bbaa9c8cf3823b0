import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, csvText, toCsv } from './csv';
import type { TableColumn } from './table-columns';

describe('CSV text', () => {
  it('quotes fields with commas, quotes or line breaks as RFC 4180 says, and leaves others bare', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('ends every record with CRLF', () => {
    expect(
      csvText([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('writes a header row and one record per table row, with a currency column beside per-row money', () => {
    interface Row {
      date: string;
      campaign: string;
      currency: string;
      spendMicros: number;
      ctr: number;
      clicks: number;
    }
    const columns: TableColumn<Row>[] = [
      { key: 'date', label: 'Date', kind: 'date' },
      { key: 'campaign', label: 'Campaign', kind: 'text' },
      { key: 'spendMicros', label: 'Spend', kind: 'money', currency: (r) => r.currency },
      { key: 'clicks', label: 'Clicks', kind: 'count' },
      { key: 'ctr', label: 'CTR', kind: 'ratio' },
    ];
    const rows: Row[] = [
      { date: '2026-11-01', campaign: 'Brand, "always on"', currency: 'USD', spendMicros: 1_234_500_000, clicks: 12_345, ctr: 0.0235 },
      { date: '2026-11-02', campaign: 'Tokyo', currency: 'JPY', spendMicros: 1_234_500_000, clicks: 7, ctr: 0.5 },
    ];
    expect(toCsv(columns, rows)).toBe(
      'Date,Campaign,Spend,Spend currency,Clicks,CTR\r\n' +
        '2026-11-01,"Brand, ""always on""",1234.50,USD,12345,0.0235\r\n' +
        '2026-11-02,Tokyo,1235,JPY,7,0.5\r\n',
    );
  });

  it('puts a fixed currency in the header instead of a column', () => {
    const columns: TableColumn<{ spend: number }>[] = [{ key: 'spend', label: 'Spend', kind: 'money', currency: 'EUR' }];
    expect(toCsv(columns, [{ spend: 5_000_000 }])).toBe('Spend (EUR)\r\n5.00\r\n');
  });
});

describe('CSV file names', () => {
  it('carries the tenant, the view, the date range and the filters', () => {
    expect(csvFileName(['Northwind', 'campaigns', { from: '2026-11-01', to: '2026-11-28' }, 'meta'])).toBe(
      'northwind-campaigns-2026-11-01_2026-11-28-meta.csv',
    );
  });

  it('joins several values of one filter with a plus and drops empty parts', () => {
    expect(csvFileName(['acme', 'spend', ['meta', 'google_ads'], null, undefined, false, ''])).toBe('acme-spend-meta+google-ads.csv');
  });

  it('keeps only safe characters: no slashes, dots, spaces or accents', () => {
    expect(csvFileName(['../Café Zürich/', 'Top ads'])).toBe('cafe-zurich-top-ads.csv');
  });

  it('stays short and never empty', () => {
    expect(csvFileName(['x'.repeat(500)]).length).toBeLessThanOrEqual(124);
    expect(csvFileName([])).toBe('export.csv');
    expect(csvFileName(['///'])).toBe('export.csv');
  });
});
