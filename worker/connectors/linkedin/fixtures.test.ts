import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/scripted-fetch';
import {
  linkedInAccountSchema,
  linkedInAnalyticsResponseSchema,
  linkedInCampaignSchema,
  linkedInSearchPageSchema,
  linkedInTokenSchema,
} from './api-types';
import { mapLinkedInFailure } from './errors';
import { mapCampaignGroups, mapLinkedInDailyRow, mapLinkedInDate, mapLinkedInMetrics } from './mapper';

const analytics = (file: string) => linkedInAnalyticsResponseSchema.parse(readFixture(`linkedin/${file}`)).elements;

describe('recorded LinkedIn adAnalytics payloads', () => {
  it('rounds the binary-float tail of costInLocalCurrency to exact micros', () => {
    const elements = analytics('adanalytics_campaign_daily_local_currency.json');
    expect(elements.map((e) => ({ date: mapLinkedInDate(e), ...mapLinkedInMetrics(e) }))).toEqual([
      {
        date: '2026-04-06',
        impressions: 13_468,
        clicks: 242,
        spendMicros: 107_530_000,
        conversions: 0,
        conversionValueMicros: 0,
        costInUsdMicros: 116_214_400,
      },
      {
        date: '2026-04-07',
        impressions: 165,
        clicks: 11,
        spendMicros: 19_918_330,
        conversions: 0,
        conversionValueMicros: 0,
        costInUsdMicros: 21_527_400,
      },
    ]);
  });

  it('keeps costInUsd from the Airbyte response without inventing a local cost', () => {
    const elements = analytics('adanalytics_campaign_daily_airbyte_response_1.json');
    expect(elements.map((e) => [mapLinkedInDate(e), mapLinkedInMetrics(e).spendMicros, mapLinkedInMetrics(e).costInUsdMicros])).toEqual([
      ['2023-01-02', 0, 209_449_000],
      ['2023-01-03', 0, 509_980_000],
    ]);
  });

  it('maps the two-pivot statistics element and refuses it as a creative row', () => {
    const [element] = analytics('adanalytics_statistics_two_pivots.json');
    expect(mapLinkedInMetrics(element!)).toMatchObject({ impressions: 165, clicks: 11, spendMicros: 19_918_330, costInUsdMicros: null });
    expect(() => mapLinkedInDailyRow(element!, new Map([['42', '7']]))).toThrow(/creative and campaign pivots/);
  });
});

describe('recorded LinkedIn entity, token and error payloads', () => {
  it('parses both adAccounts search pages and their page token', () => {
    const schema = linkedInSearchPageSchema(linkedInAccountSchema);
    const first = schema.parse(readFixture('linkedin/adaccounts_search_page1.json'));
    const last = schema.parse(readFixture('linkedin/adaccounts_search_last_page.json'));
    expect(first.metadata?.nextPageToken).toBe('next_page_token_123');
    expect(last.metadata?.nextPageToken).toBeUndefined();
    expect([...first.elements, ...last.elements].map((a) => a.currency)).toEqual(['USD', 'EUR', 'GBP']);
  });

  it('links a campaign to its campaign group', () => {
    const page = linkedInSearchPageSchema(linkedInCampaignSchema).parse(readFixture('linkedin/adcampaigns_search_page.json'));
    expect(mapCampaignGroups(page.elements)).toEqual(new Map([['42', '7']]));
  });

  it('parses the token answer with its fixed refresh-token lifetime', () => {
    const token = linkedInTokenSchema.parse(readFixture('linkedin/oauth_token_response.json'));
    expect(token.refresh_token_expires_in).toBe(31_536_000);
  });

  it('maps the 429 throttle body to rate_limited without a retry hint', () => {
    const json = readFixture('linkedin/error_429_throttle.json');
    const error = mapLinkedInFailure({ type: 'http', status: 429, headers: new Headers(), json, text: '' }, 'adAnalytics', 'c');
    expect(error).toEqual({
      kind: 'rate_limited',
      retryAfterMs: null,
      scope: 'daily',
      cursor: 'c',
      message: expect.stringContaining('101'),
    });
  });

  it('names the throttled bucket when LinkedIn does', () => {
    const failure = (message: string) =>
      ({ type: 'http', status: 429, headers: new Headers(), json: { status: 429, serviceErrorCode: 101, message }, text: '' }) as const;
    expect(
      mapLinkedInFailure(failure('Resource level throttle APPLICATION DAY limit for calls to this resource is reached.'), 'x'),
    ).toMatchObject({ scope: 'app' });
    expect(mapLinkedInFailure(failure('Resource level throttle APPLICATION_AND_MEMBER DAY limit ...'), 'x')).toMatchObject({
      scope: 'user',
    });
  });
});
