import { describe, expect, it } from 'vitest';
import { parseQueryParams, parseRestliValue, RestliSyntaxError } from './restli';
import { readDateRange, readEnum, readFieldList, readStringList, readUrnList } from './restli-params';

describe('parseRestliValue', () => {
  it('reads a List of percent-encoded URNs as decoded strings', () => {
    expect(parseRestliValue('List(urn%3Ali%3AsponsoredCampaign%3A1111,urn%3Ali%3AsponsoredCampaign%3A2222)')).toEqual([
      'urn:li:sponsoredCampaign:1111',
      'urn:li:sponsoredCampaign:2222',
    ]);
  });

  it('reads nested records such as a date range', () => {
    expect(parseRestliValue('(start:(year:2024,month:1,day:1),end:(year:2024,month:1,day:30))')).toEqual({
      start: { year: '2024', month: '1', day: '1' },
      end: { year: '2024', month: '1', day: '30' },
    });
  });

  it('reads a record holding a List, as in the campaign status search', () => {
    expect(parseRestliValue('(status:(values:List(ACTIVE,PAUSED)))')).toEqual({ status: { values: ['ACTIVE', 'PAUSED'] } });
  });

  it('reads empty lists, empty records and the quoted empty string', () => {
    expect(parseRestliValue('List()')).toEqual([]);
    expect(parseRestliValue('()')).toEqual({});
    expect(parseRestliValue("''")).toBe('');
  });

  it('decodes percent-encoded reserved characters inside a leaf', () => {
    expect(parseRestliValue('List(Acme%2C%20Inc)')).toEqual(['Acme, Inc']);
  });

  it.each([
    ['List(urn:li:sponsoredCampaign:1)', /colons inside a URN must be encoded as %3A/],
    ['List(urn%253Ali%253AsponsoredCampaign%253A1)', /double-encoded/],
    ['List(a,b', /missing '\)' to close List/],
    ['(start:(year:2024)', /missing '\)' to close the record/],
    ['(start(year:2024))', /expected ':' after field 'start'/],
    ['(a:1,a:2)', /field 'a' appears twice/],
    ['a,b', /a list must be written List/],
    ['List(a))', /unexpected '\)'/],
    ['%E0%A4%A', /malformed percent-escape/],
  ])('rejects %s with a message that says what is wrong', (raw, message) => {
    expect(() => parseRestliValue(raw, 'p')).toThrow(RestliSyntaxError);
    expect(() => parseRestliValue(raw, 'p')).toThrow(message);
  });
});

describe('parseQueryParams', () => {
  it('keeps values raw so structure and encoded colons stay distinguishable', () => {
    const params = parseQueryParams('?q=analytics&campaigns=List(urn%3Ali%3AsponsoredCampaign%3A1)');
    expect(params.get('q')).toBe('analytics');
    expect(params.get('campaigns')).toBe('List(urn%3Ali%3AsponsoredCampaign%3A1)');
  });

  it('treats + as a space only in form bodies', () => {
    expect(parseQueryParams('search=(name:(values:List(a+b)))', { plusIsSpace: true }).get('search')).toBe('(name:(values:List(a%20b)))');
    expect(parseQueryParams('x=a+b').get('x')).toBe('a+b');
  });

  it('rejects a parameter given twice', () => {
    expect(() => parseQueryParams('q=a&q=b')).toThrow(/appears more than once/);
  });
});

describe('typed readers', () => {
  it('accepts both the bare and the (value:X) form of an enum', () => {
    const pivots = ['CAMPAIGN', 'CREATIVE'] as const;
    expect(readEnum('pivot', 'CAMPAIGN', pivots)).toBe('CAMPAIGN');
    expect(readEnum('pivot', '(value:CREATIVE)', pivots)).toBe('CREATIVE');
  });

  it('rejects an unknown enum constant and a percent-encoded record', () => {
    expect(() => readEnum('pivot', 'HOURLY', ['DAILY'])).toThrow(/'HOURLY' is not one of DAILY/);
    expect(() => readEnum('pivot', '%28value%3ACAMPAIGN%29', ['CAMPAIGN'])).toThrow(/must not be percent-encoded/);
  });

  it('reads URN lists as ids and rejects URNs of another type', () => {
    expect(readUrnList('campaigns', 'List(urn%3Ali%3AsponsoredCampaign%3A42)', 'sponsoredCampaign')).toEqual(['42']);
    expect(() => readUrnList('campaigns', 'List(urn%3Ali%3AsponsoredAccount%3A42)', 'sponsoredCampaign')).toThrow(
      /not a urn:li:sponsoredCampaign:<id> URN/,
    );
  });

  it('rejects a fully percent-encoded List', () => {
    expect(() => readStringList('campaigns', 'List%28urn%3Ali%3AsponsoredCampaign%3A42%29')).toThrow(/must not be percent-encoded/);
  });

  it('reads a date range with and without an end', () => {
    expect(readDateRange('dateRange', '(start:(year:2024,month:1,day:1),end:(year:2024,month:2,day:29))')).toEqual({
      start: '2024-01-01',
      end: '2024-02-29',
    });
    expect(readDateRange('dateRange', '(start:(year:2024,month:12,day:31))')).toEqual({ start: '2024-12-31' });
  });

  it.each([
    ['(start:(year:2023,month:2,day:29))', /not a calendar date/],
    ['(start:(year:2024,month:1,day:5),end:(year:2024,month:1,day:4))', /end is before start/],
    ['(end:(year:2024,month:1,day:4))', /start is required/],
    ['(start:(year:2024,month:1))', /exactly year, month and day/],
    ['(start:(year:2024,month:1,day:1),until:x)', /unknown field 'until'/],
  ])('rejects the date range %s', (raw, message) => {
    expect(() => readDateRange('dateRange', raw)).toThrow(message);
  });

  it('reads a fields projection and rejects garbage names', () => {
    expect(readFieldList('impressions,clicks,dateRange')).toEqual(['impressions', 'clicks', 'dateRange']);
    expect(() => readFieldList('impressions,,clicks')).toThrow(/is not a field name/);
  });
});
