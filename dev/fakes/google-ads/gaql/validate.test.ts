import { describe, expect, it } from 'vitest';
import { parseGaql } from './parse';
import { GaqlQueryError } from './types';
import { validateGaql } from './validate';

const resolve = (query: string) => validateGaql(parseGaql(query));

function queryError(query: string): GaqlQueryError {
  try {
    resolve(query);
  } catch (error) {
    if (error instanceof GaqlQueryError) return error;
    throw error;
  }
  throw new Error(`expected a query error for: ${query}`);
}

describe('validateGaql', () => {
  it('attaches field specs and notes which segments split the rows', () => {
    const query = resolve(
      'SELECT ad_group_ad.ad.id, segments.date, segments.hour, metrics.cost_micros FROM ad_group_ad WHERE segments.date DURING LAST_7_DAYS PARAMETERS omit_unselected_resource_names = true',
    );
    expect(query.from).toBe('ad_group_ad');
    expect(query.select.map((s) => s.type)).toEqual(['int64', 'date', 'int32', 'int64']);
    expect(query.segments.map((s) => s.name)).toEqual(['segments.date', 'segments.hour']);
    expect(query.selectsMetrics).toBe(true);
    expect(query.omitUnselectedResourceNames).toBe(true);
  });

  it('names an unknown field the way Google does', () => {
    const error = queryError('SELECT campaign.id, metrics.video_views FROM campaign');
    expect(error.queryError).toBe('UNRECOGNIZED_FIELD');
    expect(error.message).toBe("Unrecognized field in the query: 'metrics.video_views'.");
    expect(error.position).toBe('SELECT campaign.id, '.length);
  });

  it('accepts segments.date bounded by >= and <= together but not by one side alone', () => {
    expect(() =>
      resolve("SELECT segments.date FROM customer WHERE segments.date >= '2024-01-01' AND segments.date <= '2024-01-31'"),
    ).not.toThrow();
    expect(queryError("SELECT segments.date FROM customer WHERE segments.date >= '2024-01-01'").queryError).toBe(
      'EXPECTED_FILTERS_ON_DATE_RANGE',
    );
    expect(queryError('SELECT segments.date, metrics.clicks FROM customer').queryError).toBe('EXPECTED_FILTERS_ON_DATE_RANGE');
  });

  it.each([
    ['SELECT keyword_view.resource_name FROM keyword_view', 'PROHIBITED_RESOURCE_TYPE_IN_FROM_CLAUSE'],
    ['SELECT ad_group.id FROM campaign', 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE'],
    ["SELECT campaign.id FROM campaign WHERE ad_group.name = 'x'", 'PROHIBITED_RESOURCE_TYPE_IN_WHERE_CLAUSE'],
    ['SELECT customer_client.id, metrics.clicks FROM customer_client', 'PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE'],
    ["SELECT customer_client.id FROM customer_client WHERE segments.date = '2024-01-01'", 'PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE'],
    ['SELECT campaign.id FROM campaign WHERE segments.date DURING LAST_9_DAYS', 'INVALID_VALUE_WITH_DURING_OPERATOR'],
    ['SELECT campaign.id FROM campaign WHERE campaign.name DURING LAST_7_DAYS', 'OPERATOR_FIELD_MISMATCH'],
    ["SELECT campaign.id FROM campaign WHERE segments.date BETWEEN '2024-02-01' AND '2024-01-01'", 'INVALID_VALUE_WITH_BETWEEN_OPERATOR'],
    ["SELECT campaign.id FROM campaign WHERE segments.date = '2024/01/01'", 'INVALID_DATE_FORMAT'],
    ['SELECT campaign.id FROM campaign WHERE campaign.status = ENABLD', 'BAD_ENUM_CONSTANT'],
    ["SELECT campaign.id FROM campaign WHERE campaign.id = 'abc'", 'BAD_NUMBER'],
    ['SELECT campaign.id FROM campaign WHERE campaign.name = Brand', 'INVALID_STRING_VALUE'],
    ['SELECT campaign.id FROM campaign WHERE campaign.id LIKE 3', 'OPERATOR_FIELD_MISMATCH'],
    ['SELECT campaign.id FROM campaign PARAMETERS include_removed = true', 'BAD_PARAMETER_NAME'],
    ['SELECT campaign.id FROM campaign PARAMETERS omit_unselected_resource_names = yes', 'BAD_PARAMETER_VALUE'],
    ['SELECT campaign.id FROM campaign ORDER BY campaign.budget', 'UNRECOGNIZED_FIELD'],
  ])('rejects %j with %s', (query, code) => {
    expect(queryError(query).queryError).toBe(code);
  });

  it('lets customer fields be selected from any reporting resource', () => {
    const query = resolve('SELECT customer.id, customer.currency_code, ad_group.campaign FROM ad_group');
    expect(query.select.map((s) => s.resource)).toEqual(['customer', 'customer', 'ad_group']);
  });
});
