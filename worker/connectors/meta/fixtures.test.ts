import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/scripted-fetch';
import { metaErrorBodySchema, metaInsightsPageSchema, metaReportRunCreatedSchema, metaReportRunSchema, metaTokenSchema } from './api-types';
import { isReduceDataError, mapMetaFailure } from './errors';
import { mapMetaDailyRow, mapMetaMetrics } from './mapper';
import { parseMetaUsageHeaders } from './usage';

const httpFailure = (status: number, json: unknown, headers: Record<string, string> = {}) =>
  ({ type: 'http', status, headers: new Headers(headers), json, text: JSON.stringify(json) }) as const;

describe('recorded Meta insights payloads', () => {
  it('maps the Airbyte ad-level daily rows to exact micros and counts', () => {
    const page = metaInsightsPageSchema.parse(readFixture('meta/insights_ad_level_daily_airbyte.json'));
    expect(page.data.map(mapMetaDailyRow)).toEqual([
      {
        date: '2023-06-01',
        adId: '23854695759200548',
        adGroupId: '23854404706320548',
        campaignId: '23854404676180548',
        impressions: 185,
        clicks: 9,
        spendMicros: 14_350_000,
        conversions: 0,
        conversionValueMicros: 0,
        extras: {},
      },
      expect.objectContaining({ impressions: 171, clicks: 7, spendMicros: 8_530_000, conversions: 0 }),
    ]);
  });

  it('parses the docs campaign example and maps its metrics even without ad ids', () => {
    const page = metaInsightsPageSchema.parse(readFixture('meta/insights_campaign_docs_example.json'));
    expect(mapMetaMetrics(page.data[0]!)).toEqual({
      impressions: 361_324,
      clicks: 0,
      spendMicros: 5_339_500_000,
      conversions: 0,
      conversionValueMicros: 0,
    });
    expect(() => mapMetaDailyRow(page.data[0]!)).toThrow(/without ad\/adset\/campaign id/);
  });

  it('refuses to treat a multi-day docs row as a daily row', () => {
    const page = metaInsightsPageSchema.parse(readFixture('meta/insights_level_ad_docs_example.json'));
    expect(page.data.map((r) => mapMetaMetrics(r).impressions)).toEqual([9708, 18841]);
    expect(() => mapMetaDailyRow({ ...page.data[0]!, adset_id: '1', campaign_id: '2' })).toThrow(/expected one day/);
  });

  it('parses the async report run payloads', () => {
    expect(metaReportRunCreatedSchema.parse(readFixture('meta/async_report_run_create.json')).report_run_id).toBe('6042987654321098');
    expect(metaReportRunSchema.parse(readFixture('meta/async_report_run_status_running.json')).async_status).toBe('Job Running');
    expect(metaReportRunSchema.parse(readFixture('meta/async_report_run_status_completed.json')).async_percent_completion).toBe(100);
  });

  it('parses the long-lived token exchange answer', () => {
    expect(metaTokenSchema.parse(readFixture('meta/oauth_long_lived_token_exchange.json')).expires_in).toBe(5_183_944);
  });
});

describe('recorded Meta errors', () => {
  it('maps error 17 to a user-level rate limit without a hint', () => {
    const error = mapMetaFailure(httpFailure(400, readFixture('meta/error_17_user_request_limit.json')), 'insights', 'c1');
    expect(error).toMatchObject({ kind: 'rate_limited', scope: 'user', retryAfterMs: null, cursor: 'c1' });
  });

  it('maps error 80004 to an ad-account rate limit with the regain-access hint from the headers', () => {
    const buc = JSON.stringify({ '123': [{ type: 'ads_management', call_count: 118, estimated_time_to_regain_access: 47 }] });
    const error = mapMetaFailure(
      httpFailure(400, readFixture('meta/error_80004_ad_account_too_many_calls.json'), { 'x-business-use-case-usage': buc }),
      'ads',
      null,
    );
    expect(error).toMatchObject({ kind: 'rate_limited', scope: 'account', useCase: 'ads_management', retryAfterMs: 47 * 60_000 });
  });

  it('names the business use case of a BUC throttle, so 80000 blocks ads_insights and a #613 the whole account', () => {
    const body = (code: number, subcode: number) => ({
      error: { message: 'too many calls', type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'x' },
    });
    expect(mapMetaFailure(httpFailure(400, body(80000, 2446079)), 'insights', null)).toMatchObject({
      scope: 'account',
      useCase: 'ads_insights',
    });
    expect(mapMetaFailure(httpFailure(400, body(613, 1487742)), 'insights', null)).not.toHaveProperty('useCase');
  });

  it('recognises "reduce the amount of data" as transient and as a reason to go async', () => {
    const failure = httpFailure(500, readFixture('meta/error_reduce_amount_of_data.json'));
    expect(isReduceDataError(failure)).toBe(true);
    expect(mapMetaFailure(failure, 'insights', null).kind).toBe('transient');
  });

  it('maps the batch sub-response error body like a top-level one', () => {
    const batch = readFixture('meta/batch_response_example.json') as Array<{ body: string } | null>;
    const body = metaErrorBodySchema.parse(JSON.parse(batch[1]!.body));
    expect(mapMetaFailure(httpFailure(400, body), 'batch', null)).toMatchObject({ kind: 'rate_limited', scope: 'account' });
  });

  it('maps an invalid token to auth_failed and an unknown code to permanent', () => {
    expect(mapMetaFailure(httpFailure(400, { error: { message: 'Invalid OAuth access token', code: 190 } }), 'x', null).kind).toBe(
      'auth_failed',
    );
    expect(mapMetaFailure(httpFailure(400, { error: { message: 'Unknown', code: 2500 } }), 'x', null)).toMatchObject({
      kind: 'permanent',
      code: '2500',
    });
  });
});

describe('recorded Meta usage headers', () => {
  it('turns every captured header into a usage signal', () => {
    const captured = readFixture('meta/rate_limit_headers_captured.json') as Record<string, string>;
    const headers = new Headers({
      'x-fb-ads-insights-throttle': captured['X-FB-Ads-Insights-Throttle']!,
      'x-business-use-case-usage': captured['X-Business-Use-Case-Usage']!,
      'x-ad-account-usage': captured['X-Ad-Account-Usage_example_shape']!,
      'x-app-usage': captured['X-App-Usage_example_shape']!,
    });
    expect(parseMetaUsageHeaders(headers)).toEqual([
      {
        platform: 'meta',
        scope: 'account',
        source: 'x-business-use-case-usage:ads_insights',
        utilPct: 1,
        regainAccessMinutes: 0,
        useCase: 'ads_insights',
      },
      { platform: 'meta', scope: 'account', source: 'x-ad-account-usage', utilPct: 9.67, regainAccessMinutes: null, resetSeconds: 100 },
      { platform: 'meta', scope: 'app', source: 'x-app-usage', utilPct: 30, regainAccessMinutes: null },
      { platform: 'meta', scope: 'app', source: 'x-fb-ads-insights-throttle', utilPct: 0.01, regainAccessMinutes: null },
      {
        platform: 'meta',
        scope: 'account',
        source: 'x-fb-ads-insights-throttle',
        utilPct: 0,
        regainAccessMinutes: null,
        useCase: 'ads_insights',
      },
    ]);
  });

  it('ignores a malformed header instead of failing', () => {
    expect(parseMetaUsageHeaders(new Headers({ 'x-app-usage': '{not json' }))).toEqual([]);
  });
});
