import { describe, expect, it } from 'vitest';
import type { MetaInsightsRow } from './api-types';
import { mapMetaDailyRow, mapMetaEntities, mapMetaHourlyRow } from './mapper';

const row = (extra: Partial<MetaInsightsRow>): MetaInsightsRow => ({
  ad_id: '9',
  adset_id: '8',
  campaign_id: '7',
  date_start: '2026-11-20',
  date_stop: '2026-11-20',
  ...extra,
});

describe('mapMetaDailyRow', () => {
  it('counts omni_purchase once even when the pixel purchase is also reported', () => {
    const mapped = mapMetaDailyRow(
      row({
        actions: [
          { action_type: 'link_click', value: '40' },
          { action_type: 'offsite_conversion.fb_pixel_purchase', value: '3' },
          { action_type: 'omni_purchase', value: '4' },
        ],
        action_values: [
          { action_type: 'offsite_conversion.fb_pixel_purchase', value: '90.5' },
          { action_type: 'omni_purchase', value: '120.25' },
        ],
      }),
    );
    expect(mapped.conversions).toBe(4);
    expect(mapped.conversionValueMicros).toBe(120_250_000);
  });

  it('falls back to the pixel purchase when omni_purchase is absent', () => {
    const mapped = mapMetaDailyRow(row({ actions: [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: '2' }] }));
    expect(mapped.conversions).toBe(2);
  });

  it('reads whole-yen spend strings as micros', () => {
    expect(mapMetaDailyRow(row({ spend: '12345' })).spendMicros).toBe(12_345_000_000);
  });

  it('treats absent metrics as zero', () => {
    expect(mapMetaDailyRow(row({}))).toMatchObject({ impressions: 0, clicks: 0, spendMicros: 0, conversions: 0 });
  });
});

describe('mapMetaHourlyRow', () => {
  it('reads the hour from the advertiser-time-zone bucket', () => {
    const mapped = mapMetaHourlyRow(row({ impressions: '5', hourly_stats_aggregated_by_advertiser_time_zone: '13:00:00 - 13:59:59' }));
    expect(mapped).toMatchObject({ hour: 13, impressions: 5, date: '2026-11-20' });
  });

  it('rejects a row without an hour bucket', () => {
    expect(() => mapMetaHourlyRow(row({}))).toThrow(/hour bucket/);
  });
});

describe('mapMetaEntities', () => {
  it('normalizes statuses and keeps the effective status raw', () => {
    const entities = mapMetaEntities({
      campaigns: [{ id: 'c1', name: 'Camp', status: 'ACTIVE', effective_status: 'ACTIVE' }],
      adSets: [{ id: 's1', name: 'Set', status: 'ACTIVE', effective_status: 'CAMPAIGN_PAUSED', campaign_id: 'c1' }],
      ads: [{ id: 'a1', name: 'Ad', status: 'DELETED', effective_status: 'DELETED', adset_id: 's1', campaign_id: 'c1' }],
    });
    expect(entities.campaigns[0]).toEqual({ externalId: 'c1', name: 'Camp', status: 'active', rawStatus: 'ACTIVE' });
    expect(entities.adGroups[0]).toMatchObject({ status: 'active', rawStatus: 'CAMPAIGN_PAUSED', campaignId: 'c1' });
    expect(entities.ads[0]).toMatchObject({ status: 'deleted', adGroupId: 's1', campaignId: 'c1' });
  });
});
