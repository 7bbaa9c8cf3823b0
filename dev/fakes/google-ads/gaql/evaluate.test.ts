import { describe, expect, it } from 'vitest';
import { resolveDuring } from './date-functions';
import { type FlatRow, likeToRegExp, matchesCondition, sortRows } from './evaluate';
import { parseGaql } from './parse';
import { fieldMaskOf, renderRow } from './render';
import { validateGaql } from './validate';

const TODAY = '2024-03-14'; // a Thursday

function where(condition: string) {
  return validateGaql(parseGaql(`SELECT campaign.id FROM campaign WHERE ${condition}`)).where[0]!;
}

const row: FlatRow = new Map<string, string | number | boolean>([
  ['campaign.id', '700001'],
  ['campaign.name', 'Brand_Search [EU]'],
  ['campaign.status', 'REMOVED'],
  ['segments.date', '2024-03-10'],
  ['metrics.clicks', 80],
  ['metrics.ctr', 0.05],
]);

describe('resolveDuring', () => {
  it.each([
    ['TODAY', '2024-03-14', '2024-03-14'],
    ['YESTERDAY', '2024-03-13', '2024-03-13'],
    ['LAST_7_DAYS', '2024-03-07', '2024-03-13'],
    ['LAST_30_DAYS', '2024-02-13', '2024-03-13'],
    ['THIS_MONTH', '2024-03-01', '2024-03-14'],
    ['LAST_MONTH', '2024-02-01', '2024-02-29'],
    ['THIS_WEEK_SUN_TODAY', '2024-03-10', '2024-03-14'],
    ['THIS_WEEK_MON_TODAY', '2024-03-11', '2024-03-14'],
    ['LAST_WEEK_SUN_SAT', '2024-03-03', '2024-03-09'],
    ['LAST_WEEK_MON_SUN', '2024-03-04', '2024-03-10'],
    ['LAST_BUSINESS_WEEK', '2024-03-04', '2024-03-08'],
  ] as const)('%s is %s..%s when today is a Thursday', (fn, since, until) => {
    expect(resolveDuring(fn, TODAY)).toEqual({ since, until });
  });
});

describe('matchesCondition', () => {
  it.each([
    ['campaign.id = 700001', true],
    ['campaign.id > 700001', false],
    ['campaign.id >= 700001', true],
    ['campaign.id IN (1, 700001)', true],
    ['campaign.id NOT IN (1, 700001)', false],
    ['campaign.status = REMOVED', true],
    ["campaign.status != 'REMOVED'", false],
    ['campaign.status IN (ENABLED, PAUSED)', false],
    ["segments.date BETWEEN '2024-03-01' AND '2024-03-10'", true],
    ["segments.date >= '2024-03-11'", false],
    ['segments.date DURING LAST_7_DAYS', true],
    ['segments.date DURING THIS_WEEK_MON_TODAY', false],
    ['metrics.clicks > 79', true],
    ['metrics.ctr < 0.05', false],
    ["campaign.name LIKE 'Brand[_]%'", true],
    ["campaign.name LIKE 'Brand[_]S'", false],
    ["campaign.name NOT LIKE '%[[]EU]'", false],
    ["campaign.name REGEXP_MATCH 'Brand.*'", true],
    ['campaign.name IS NOT NULL', true],
    ['ad_group.name IS NULL', true],
  ])('%s → %s', (condition, expected) => {
    const parsed = condition.startsWith('ad_group')
      ? validateGaql(parseGaql(`SELECT ad_group.id FROM ad_group WHERE ${condition}`)).where[0]!
      : where(condition);
    expect(matchesCondition(row, parsed, TODAY)).toBe(expected);
  });

  it('translates LIKE wildcards and bracket escapes', () => {
    expect(likeToRegExp('a%b_c[%]').test('aXYZb1c%')).toBe(true);
    expect(likeToRegExp('a%b_c[%]').test('ab12c%')).toBe(false);
  });
});

describe('sortRows', () => {
  it('orders numerically for int64 and breaks ties with the next term', () => {
    const rows: FlatRow[] = [
      new Map<string, string | number | boolean>([
        ['campaign.id', '9'],
        ['metrics.clicks', 5],
      ]),
      new Map<string, string | number | boolean>([
        ['campaign.id', '10'],
        ['metrics.clicks', 5],
      ]),
      new Map<string, string | number | boolean>([
        ['campaign.id', '2'],
        ['metrics.clicks', 7],
      ]),
    ];
    const query = validateGaql(parseGaql('SELECT campaign.id FROM campaign ORDER BY metrics.clicks DESC, campaign.id ASC'));
    expect(sortRows(rows, query.orderBy).map((r) => r.get('campaign.id'))).toEqual(['2', '9', '10']);
  });
});

describe('renderRow', () => {
  const full: FlatRow = new Map<string, string | number | boolean>([
    ['customer.resource_name', 'customers/1234567890'],
    ['campaign.resource_name', 'customers/1234567890/campaigns/700001'],
    ['campaign.id', '700001'],
    ['campaign.status', 'ENABLED'],
    ['segments.date', '2024-01-01'],
    ['segments.hour', 13],
    ['metrics.impressions', 1000],
    ['metrics.conversions', 4],
    ['metrics.average_cpc', 31250000],
  ]);

  it('nests by resource with camelCase keys, int64 as strings and doubles as numbers', () => {
    const query = validateGaql(
      parseGaql(
        "SELECT campaign.id, campaign.status, segments.date, segments.hour, metrics.impressions, metrics.conversions, metrics.average_cpc FROM campaign WHERE segments.date = '2024-01-01'",
      ),
    );
    expect(renderRow(full, query.select, query.from, false)).toEqual({
      campaign: { resourceName: 'customers/1234567890/campaigns/700001', id: '700001', status: 'ENABLED' },
      segments: { date: '2024-01-01', hour: 13 },
      metrics: { impressions: '1000', conversions: 4, averageCpc: 31250000 },
    });
    expect(fieldMaskOf(query.select)).toBe(
      'campaign.id,campaign.status,segments.date,segments.hour,metrics.impressions,metrics.conversions,metrics.averageCpc',
    );
  });

  it('leaves out resource names that were not selected when omit_unselected_resource_names is set', () => {
    const query = validateGaql(parseGaql('SELECT metrics.impressions FROM campaign PARAMETERS omit_unselected_resource_names = true'));
    expect(renderRow(full, query.select, query.from, query.omitUnselectedResourceNames)).toEqual({ metrics: { impressions: '1000' } });
  });

  it('adds the FROM resource name by default even when only metrics are selected', () => {
    const query = validateGaql(parseGaql('SELECT metrics.impressions FROM campaign'));
    expect(renderRow(full, query.select, query.from, false)).toEqual({
      campaign: { resourceName: 'customers/1234567890/campaigns/700001' },
      metrics: { impressions: '1000' },
    });
  });
});
