import { describe, expect, it } from 'vitest';
import { API_VERSIONS, apiVersionStatuses, daysUntil, SUNSET_CRITICAL_DAYS, sunsetStatus } from './api-versions';
import { GOOGLE_ADS_API_VERSION } from './google-ads/api-types';
import { LINKEDIN_API_VERSION } from './linkedin/api-types';
import { META_API_VERSION } from './meta/api-types';

const pinned = { version: 'v1', sunset: '2027-03-16', source: 'test' };
const on = (date: string) => new Date(`${date}T12:00:00Z`);

describe('sunsetStatus', () => {
  it.each([
    ['2026-12-01', 105, 'ok'],
    ['2027-01-14', 61, 'ok'],
    ['2027-01-15', 60, 'warn'],
    ['2027-02-13', 31, 'warn'],
    ['2027-02-14', 30, 'critical'],
    ['2027-03-16', 0, 'critical'],
    ['2027-04-01', -16, 'critical'],
  ])('on %s a version sunsetting 2027-03-16 has %i days left and is %s', (today, days, level) => {
    expect(sunsetStatus(pinned, on(today))).toEqual({ version: 'v1', sunset: '2027-03-16', daysToSunset: days, level });
  });

  it('counts whole UTC days whatever the time of day', () => {
    expect(daysUntil('2027-03-16', new Date('2027-03-15T00:00:00Z'))).toBe(1);
    expect(daysUntil('2027-03-16', new Date('2027-03-15T23:59:59Z'))).toBe(1);
  });
});

describe('pinned API versions', () => {
  it('are the versions the connectors send', () => {
    expect([META_API_VERSION, GOOGLE_ADS_API_VERSION, LINKEDIN_API_VERSION]).toEqual([
      API_VERSIONS.meta.version,
      API_VERSIONS.google_ads.version,
      API_VERSIONS.linkedin.version,
    ]);
  });

  it('are each more than 30 days from their sunset today (upgrade the connector when this fails)', () => {
    // The real date on purpose: this test is the alarm that an upgrade is due.
    for (const status of apiVersionStatuses(new Date())) {
      expect(status.daysToSunset, `${status.platform} ${status.version} sunsets ${status.sunset}`).toBeGreaterThan(SUNSET_CRITICAL_DAYS);
    }
  });

  it('lists one status per platform for the health page', () => {
    expect(apiVersionStatuses(on('2027-02-01')).map((s) => [s.platform, s.level])).toEqual([
      ['meta', 'ok'],
      ['google_ads', 'warn'],
      ['linkedin', 'warn'],
    ]);
  });
});
