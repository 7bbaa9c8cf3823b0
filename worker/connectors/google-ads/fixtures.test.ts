import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/scripted-fetch';
import { googleAdsAccessibleCustomersSchema, googleAdsSearchPageSchema, googleAdsSearchStreamSchema, googleTokenSchema } from './api-types';
import { mapGoogleAdsFailure, readGoogleAdsError } from './errors';
import { mapGoogleAdsEntities, mapGoogleAdsMetrics } from './mapper';

const httpFailure = (status: number, json: unknown) =>
  ({ type: 'http', status, headers: new Headers(), json, text: JSON.stringify(json) }) as const;

describe('recorded Google Ads searchStream payloads', () => {
  it('maps the campaign daily stream to exact micros, counts and fractional conversions', () => {
    const stream = googleAdsSearchStreamSchema.parse(readFixture('google_ads/searchstream_campaign_daily.json'));
    const rows = stream.flatMap((batch) => batch.results ?? []);
    expect(rows.map((r) => ({ date: r.segments?.date, ...mapGoogleAdsMetrics(r) }))).toEqual([
      { date: '2024-01-01', impressions: 1000, clicks: 80, spendMicros: 2_500_000_000, conversions: 4, conversionValueMicros: 250_500_000 },
      {
        date: '2024-01-02',
        impressions: 1200,
        clicks: 95,
        spendMicros: 3_100_000_000,
        conversions: 5.5,
        conversionValueMicros: 310_000_000,
      },
    ]);
    expect(mapGoogleAdsEntities(rows).campaigns).toEqual([
      { externalId: '700001', name: 'Brand - Search', status: 'active', rawStatus: 'ENABLED' },
    ]);
  });

  it('parses the Airbyte mock rows and treats absent metrics as zero', () => {
    const stream = googleAdsSearchStreamSchema.parse(readFixture('google_ads/searchstream_airbyte_mock_rows.json'));
    const rows = stream[0]!.results!;
    expect(rows.map((r) => mapGoogleAdsMetrics(r).spendMicros)).toEqual([1_000_000, 500_000, 2_000_000]);
    expect(mapGoogleAdsMetrics(rows[0]!)).toMatchObject({ impressions: 0, clicks: 0, conversions: 0 });
  });

  it('parses the paged search answer and the customer_client stream', () => {
    expect(googleAdsSearchPageSchema.parse(readFixture('google_ads/search_paged_response.json')).nextPageToken).toMatch(/^CPii5a/);
    const clients = googleAdsSearchStreamSchema.parse(readFixture('google_ads/customer_client_stream.json'));
    expect(clients[0]!.results![0]!.customerClient).toMatchObject({ id: '1234567890', manager: false, timeZone: 'America/New_York' });
  });

  it('parses listAccessibleCustomers and the token refresh answer', () => {
    expect(googleAdsAccessibleCustomersSchema.parse(readFixture('google_ads/list_accessible_customers.json')).resourceNames).toEqual([
      'customers/1112223333',
      'customers/4445556666',
    ]);
    expect(googleTokenSchema.parse(readFixture('google_ads/oauth_refresh_response.json')).expires_in).toBe(3599);
  });
});

describe('recorded Google Ads errors', () => {
  it('maps RESOURCE_EXHAUSTED to a daily rate limit carrying retryDelay', () => {
    const error = mapGoogleAdsFailure(httpFailure(429, readFixture('google_ads/error_resource_exhausted_429.json')), 'searchStream');
    expect(error).toMatchObject({ kind: 'rate_limited', scope: 'daily', retryAfterMs: 40_591_000 });
  });

  it('reads the array-wrapped searchStream error and maps metrics-for-manager to permanent', () => {
    const body = readFixture('google_ads/error_searchstream_array_400_manager_metrics.json');
    expect(readGoogleAdsError(body)?.status).toBe('INVALID_ARGUMENT');
    expect(mapGoogleAdsFailure(httpFailure(400, body), 'searchStream')).toMatchObject({
      kind: 'permanent',
      code: 'REQUESTED_METRICS_FOR_MANAGER',
    });
  });

  it('maps short-term exhaustion, unauthenticated, disabled customers and server errors', () => {
    const failure = (status: number, statusName: string, errorCode?: Record<string, string>, retryDelay?: string) =>
      httpFailure(status, {
        error: {
          code: status,
          message: 'm',
          status: statusName,
          details: errorCode
            ? [{ errors: [{ errorCode, details: retryDelay ? { quotaErrorDetails: { retryDelay } } : undefined }] }]
            : undefined,
        },
      });
    expect(
      mapGoogleAdsFailure(failure(429, 'RESOURCE_EXHAUSTED', { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, '2s'), 'x'),
    ).toMatchObject({
      kind: 'rate_limited',
      scope: 'account',
      retryAfterMs: 2000,
    });
    expect(mapGoogleAdsFailure(failure(401, 'UNAUTHENTICATED'), 'x').kind).toBe('auth_failed');
    expect(mapGoogleAdsFailure(failure(403, 'PERMISSION_DENIED', { authorizationError: 'CUSTOMER_NOT_ENABLED' }), 'x')).toMatchObject({
      kind: 'permanent',
      code: 'CUSTOMER_NOT_ENABLED',
    });
    expect(mapGoogleAdsFailure(failure(503, 'UNAVAILABLE'), 'x').kind).toBe('transient');
  });
});
