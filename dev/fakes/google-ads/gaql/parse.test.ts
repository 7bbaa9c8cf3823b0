import { describe, expect, it } from 'vitest';
import { parseGaql } from './parse';
import { GaqlQueryError } from './types';

function syntaxError(query: string): GaqlQueryError {
  try {
    parseGaql(query);
  } catch (error) {
    if (error instanceof GaqlQueryError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for: ${query}`);
}

describe('parseGaql', () => {
  it('reads the query Airbyte sends for a campaign report', () => {
    const query = parseGaql(
      "SELECT campaign.id, campaign.name, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions FROM campaign WHERE segments.date BETWEEN '2024-01-01' AND '2024-01-14' ORDER BY segments.date ASC",
    );
    expect(query.select.map((s) => s.field)).toEqual([
      'campaign.id',
      'campaign.name',
      'segments.date',
      'metrics.impressions',
      'metrics.clicks',
      'metrics.cost_micros',
      'metrics.conversions',
    ]);
    expect(query.from.resource).toBe('campaign');
    expect(query.where).toEqual([
      {
        field: 'segments.date',
        operator: 'BETWEEN',
        value: { kind: 'range', from: { kind: 'string', value: '2024-01-01' }, to: { kind: 'string', value: '2024-01-14' } },
        position: expect.any(Number),
      },
    ]);
    expect(query.orderBy).toEqual([{ field: 'segments.date', direction: 'ASC' }]);
  });

  it('treats keywords case-insensitively and ignores newlines between clauses', () => {
    const query = parseGaql('select customer.id\nfrom customer\nwhere segments.date during LAST_7_DAYS\nlimit 5');
    expect(query.from.resource).toBe('customer');
    expect(query.where[0]).toMatchObject({ field: 'segments.date', operator: 'DURING', value: { kind: 'literal', value: 'LAST_7_DAYS' } });
    expect(query.limit).toBe(5);
  });

  it('combines comparison, IN and NOT IN conditions with AND', () => {
    const query = parseGaql(
      "SELECT ad_group_ad.ad.id FROM ad_group_ad WHERE segments.date >= '2024-02-01' AND segments.date <= \"2024-02-29\" AND campaign.status IN (ENABLED, 'PAUSED') AND ad_group_ad.status != REMOVED AND campaign.id NOT IN (1, 2)",
    );
    expect(query.where.map((c) => c.operator)).toEqual(['>=', '<=', 'IN', '!=', 'NOT IN']);
    expect(query.where[2]!.value).toEqual({
      kind: 'list',
      values: [
        { kind: 'literal', value: 'ENABLED' },
        { kind: 'string', value: 'PAUSED' },
      ],
    });
    expect(query.where[4]!.value).toEqual({
      kind: 'list',
      values: [
        { kind: 'number', value: 1, text: '1' },
        { kind: 'number', value: 2, text: '2' },
      ],
    });
  });

  it('reads multi-word operators', () => {
    const query = parseGaql(
      "SELECT campaign.id FROM campaign WHERE campaign.name NOT LIKE '%x%' AND campaign.name IS NOT NULL AND campaign.id IS NULL AND campaign.name REGEXP_MATCH 'a.*'",
    );
    expect(query.where.map((c) => c.operator)).toEqual(['NOT LIKE', 'IS NOT NULL', 'IS NULL', 'REGEXP_MATCH']);
  });

  it('reads ORDER BY with several fields and directions, LIMIT and PARAMETERS', () => {
    const query = parseGaql(
      'SELECT campaign.id, metrics.clicks FROM campaign ORDER BY metrics.clicks DESC, campaign.id LIMIT 10 PARAMETERS omit_unselected_resource_names = true',
    );
    expect(query.orderBy).toEqual([
      { field: 'metrics.clicks', direction: 'DESC' },
      { field: 'campaign.id', direction: 'ASC' },
    ]);
    expect(query.limit).toBe(10);
    expect(query.parameters).toEqual({ omit_unselected_resource_names: 'true' });
  });

  it('decodes escaped quotes inside string literals', () => {
    const query = parseGaql("SELECT campaign.id FROM campaign WHERE campaign.name = 'Bob\\'s shoes'");
    expect(query.where[0]!.value).toEqual({ kind: 'string', value: "Bob's shoes" });
  });

  it.each([
    ['FROM campaign', 'EXPECTED_SELECT'],
    ['SELECT campaign.id campaign', 'EXPECTED_FROM'],
    ['SELECT campaign.id FORM campaign', 'EXPECTED_FROM'],
    ['SELECT campaign.id, FROM campaign', 'UNEXPECTED_INPUT'],
    ['SELECT campaign.id FROM', 'UNEXPECTED_END_OF_QUERY'],
    ['SELECT campaign.id FROM campaign WHERE', 'UNEXPECTED_END_OF_QUERY'],
    ["SELECT campaign.id FROM campaign WHERE campaign.name = 'open", 'STRING_NOT_TERMINATED'],
    ['SELECT campaign.id FROM campaign WHERE campaign.status IN ENABLED', 'EXPECTED_LIST'],
    ["SELECT campaign.id FROM campaign WHERE segments.date BETWEEN '2024-01-01' '2024-01-02'", 'EXPECTED_AND'],
    ['SELECT campaign.id FROM campaign ORDER segments.date', 'EXPECTED_BY'],
    ['SELECT campaign.id FROM campaign LIMIT 0', 'LIMIT_VALUE_TOO_LOW'],
    ['SELECT campaign.id FROM campaign LIMIT ten', 'BAD_LIMIT_VALUE'],
    ['SELECT campaign.id FROM campaign WHERE campaign.id ~ 3', 'BAD_SYMBOL'],
    ['SELECT campaign.id FROM campaign WHERE campaign.id = 1 OR campaign.id = 2', 'UNEXPECTED_INPUT'],
    ['SELECT campaign FROM campaign', 'BAD_FIELD_NAME'],
    ['SELECT campaign.id FROM campaign LIMIT 3 extra', 'UNEXPECTED_INPUT'],
  ])('rejects %j with %s', (query, code) => {
    expect(syntaxError(query).queryError).toBe(code);
  });

  it('reports the character offset of the offending token', () => {
    const error = syntaxError('SELECT campaign.id FORM campaign');
    expect(error.position).toBe('SELECT campaign.id '.length);
    expect(error.message).toContain("'FORM'");
  });
});
